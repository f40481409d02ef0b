package io.contralog.samples.orders;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * When a fault is active: from {@code after} into the run, for {@code length} (null: until the end), hitting the
 * given share of the requests that arrive in that window.
 */
public record FaultPlan(Fault fault, Duration after, Duration length, double share) {

    /** A plan that never injects anything. */
    public static final FaultPlan NONE = new FaultPlan(Fault.NONE, Duration.ZERO, null, 0);

    public FaultPlan {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("--fault-share must be between 0 and 1, was " + share);
        }
    }

    /** Whether the fault window covers this moment of the run. */
    public boolean windowCovers(long elapsedNanos) {
        if (fault == Fault.NONE || elapsedNanos < after.toNanos()) {
            return false;
        }
        return length == null || elapsedNanos < after.plus(length).toNanos();
    }

    /** The fault a request arriving at this moment suffers, drawn with the request's own random source. */
    public Fault faultFor(long elapsedNanos, SplittableRandom random) {
        if (windowCovers(elapsedNanos) && random.nextDouble() < share) {
            return fault;
        }
        return Fault.NONE;
    }

    /** A sentence for the console describing the plan. */
    public String describe() {
        if (fault == Fault.NONE) {
            return "no fault";
        }
        String until = length == null ? "until the end" : "for " + Durations.format(length);
        return "fault " + fault + " from " + Durations.format(after) + " " + until
            + (share < 1 ? String.format(" on %.0f%% of requests", share * 100) : "");
    }
}
