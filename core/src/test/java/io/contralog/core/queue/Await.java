package io.contralog.core.queue;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds, failing after a deadline; the project's stand-in for Awaitility. */
public final class Await {

    private Await() {
    }

    /** Waits until {@code condition} is true, at most {@code timeout}. */
    public static void until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + timeout);
            }
            LockSupport.parkNanos(2_000_000L);
        }
    }
}
