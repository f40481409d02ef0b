package io.contralog.core.queue;

import io.contralog.core.event.ErrorInfo;

/**
 * Reads the fields of a logging framework's event so that {@link EventQueueWriter} can write it without first
 * copying it into a {@link io.contralog.core.event.LogEvent}; appenders implement it once, statelessly.
 *
 * @param <E> the framework's event type
 */
public interface EventSource<E> {

    /** Time of the logging event in epoch nanoseconds. */
    long epochNanos(E event);

    String level(E event);

    String logger(E event);

    String thread(E event);

    /**
     * Appends the formatted message to {@code out}.
     *
     * @return false when the event has no message at all
     */
    boolean appendMessage(E event, StringBuilder out);

    /** The attached throwable, or null. */
    Throwable thrown(E event);

    /** An error that is not available as a {@link Throwable} (for example a deserialised one), or null. */
    default ErrorInfo errorInfo(E event) {
        return null;
    }

    /** Passes every context entry captured on the logging thread to {@code sink}. */
    void forEachContext(E event, ContextSink sink);

    /** Receives context entries; filtering and bounds are the writer's job. */
    @FunctionalInterface
    interface ContextSink {
        void put(String key, String value);
    }
}
