package io.contralog.samples.orders;

import java.time.Duration;

/**
 * How much load to generate: a number of requests (0: unbounded) or a duration (null: unbounded), whichever ends
 * first, at a rate in requests per second on a number of request threads.
 */
public record LoadPlan(long requests, Duration duration, double rate, int threads, FaultPlan faults, long seed) {

    public LoadPlan {
        if (requests <= 0 && duration == null) {
            throw new IllegalArgumentException("give --requests or --duration, or the run never ends");
        }
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive, was " + rate);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("--threads must be positive, was " + threads);
        }
    }

    /** Whether another request is due, given how many were sent and how long the run has lasted. */
    boolean wants(long sent, long elapsedNanos) {
        if (requests > 0 && sent >= requests) {
            return false;
        }
        return duration == null || elapsedNanos < duration.toNanos();
    }
}
