package io.contralog.core.queue;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate-limits problem reports: the first of each kind goes out at once, later ones at most once per interval
 * with the number that were held back.
 */
final class ProblemReporter {

    private final ProblemListener listener;
    private final long intervalNanos;
    private final Map<QueueProblem, Slot> slots = new EnumMap<>(QueueProblem.class);

    ProblemReporter(ProblemListener listener, long intervalNanos) {
        this.listener = listener == null ? ProblemListener.IGNORE : listener;
        this.intervalNanos = intervalNanos;
        for (QueueProblem problem : QueueProblem.values()) {
            slots.put(problem, new Slot());
        }
    }

    /** Counts one occurrence and says whether it should be reported now; call {@link #emit} when true. */
    boolean due(QueueProblem problem) {
        Slot slot = slots.get(problem);
        long now = System.nanoTime();
        long last = slot.lastReport.get();
        if (last != Long.MIN_VALUE && now - last < intervalNanos) {
            slot.held.incrementAndGet();
            return false;
        }
        return slot.lastReport.compareAndSet(last, now);
    }

    /** Sends a report that {@link #due} allowed, naming how many were held back since the last one. */
    void emit(QueueProblem problem, String message, Throwable cause) {
        long held = slots.get(problem).held.getAndSet(0);
        String text = held == 0 ? message : message + " (" + held + " similar since the last report)";
        try {
            listener.onProblem(problem, text, cause);
        } catch (RuntimeException | LinkageError e) {
            // A broken status channel must not break logging; the counters still tell the story.
        }
    }

    /** Reports unless rate-limited. */
    void report(QueueProblem problem, String message, Throwable cause) {
        if (due(problem)) {
            emit(problem, message, cause);
        }
    }

    private static final class Slot {
        private final AtomicLong lastReport = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong held = new AtomicLong();
    }
}
