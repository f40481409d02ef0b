package io.contralog.core.event;

import java.util.List;

/**
 * The throwable attached to a log event: its class, message, a bounded list of stack frames and its cause.
 *
 * <p>On the queue and in JSON the class name is stored under the key {@code class}.
 *
 * @param className fully qualified class name of the throwable
 * @param message   the throwable's message, or null
 * @param frames    stack frames as {@code StackTraceElement.toString()} text, at most the configured limit
 * @param cause     the cause, in the same shape, or null
 */
public record ErrorInfo(String className, String message, List<String> frames, ErrorInfo cause) {

    /** Normalises the frame list to an unmodifiable, never-null list. */
    public ErrorInfo {
        frames = frames == null ? List.of() : List.copyOf(frames);
    }
}
