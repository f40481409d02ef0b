package io.contralog.core.queue;

import io.contralog.core.event.ErrorInfo;

import java.util.ArrayList;
import java.util.List;

/** Turns a throwable (or an error read elsewhere) into an {@link ErrorInfo} within the frame and cause limits. */
final class ErrorBounds {

    private ErrorBounds() {
    }

    static ErrorInfo of(Throwable thrown, QueueSettings settings, EventScratch flags) {
        return of(thrown, settings, flags, 0);
    }

    static ErrorInfo of(ErrorInfo error, QueueSettings settings, EventScratch flags) {
        return of(error, settings, flags, 0);
    }

    private static ErrorInfo of(Throwable thrown, QueueSettings settings, EventScratch flags, int depth) {
        if (thrown == null) {
            return null;
        }
        StackTraceElement[] trace = thrown.getStackTrace();
        int count = Math.min(trace.length, settings.maxStackFrames());
        List<String> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(TextBounds.bound(trace[i].toString(), settings.maxMessageLength(), flags));
        }
        if (trace.length > count) {
            flags.truncated = true;
        }
        return new ErrorInfo(thrown.getClass().getName(), safeMessage(thrown, settings, flags), frames,
            causeOf(thrown, settings, flags, depth));
    }

    private static ErrorInfo causeOf(Throwable thrown, QueueSettings settings, EventScratch flags, int depth) {
        Throwable cause = thrown.getCause();
        if (cause == null || cause == thrown) {
            return null;
        }
        if (depth + 1 > settings.maxCauseDepth()) {
            flags.truncated = true;
            return null;
        }
        return of(cause, settings, flags, depth + 1);
    }

    private static String safeMessage(Throwable thrown, QueueSettings settings, EventScratch flags) {
        try {
            return TextBounds.bound(thrown.getMessage(), settings.maxMessageLength(), flags);
        } catch (RuntimeException e) {
            // A throwable whose getMessage() throws must still be recorded.
            return "<getMessage() threw " + e.getClass().getName() + ">";
        }
    }

    private static ErrorInfo of(ErrorInfo error, QueueSettings settings, EventScratch flags, int depth) {
        if (error == null) {
            return null;
        }
        List<String> frames = error.frames();
        if (frames.size() > settings.maxStackFrames()) {
            frames = frames.subList(0, settings.maxStackFrames());
            flags.truncated = true;
        }
        List<String> bounded = new ArrayList<>(frames.size());
        for (String frame : frames) {
            bounded.add(TextBounds.bound(frame, settings.maxMessageLength(), flags));
        }
        ErrorInfo cause = null;
        if (error.cause() != null) {
            if (depth + 1 > settings.maxCauseDepth()) {
                flags.truncated = true;
            } else {
                cause = of(error.cause(), settings, flags, depth + 1);
            }
        }
        return new ErrorInfo(TextBounds.bound(error.className(), settings.maxMessageLength(), flags),
            TextBounds.bound(error.message(), settings.maxMessageLength(), flags), bounded, cause);
    }
}
