package io.contralog.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; cross-process tests have nothing to block on. */
final class Await {

    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with {@code detail} once {@code timeout} has passed. */
    static void until(Duration timeout, BooleanSupplier condition, Supplier<String> detail)
        throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + detail.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
