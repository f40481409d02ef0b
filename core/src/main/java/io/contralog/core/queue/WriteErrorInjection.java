package io.contralog.core.queue;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An injection point for the operating system's write error (such as "No space left on device"), so that tests
 * can show how the writers degrade on a full disk without filling one.
 *
 * <p>While armed for a folder, every write to a queue in that folder fails inside the writer exactly where a
 * Chronicle write failure would surface. It costs one volatile read per event when unarmed.
 */
public final class WriteErrorInjection {

    private static volatile Path armedFor;

    private WriteErrorInjection() {
    }

    /** Makes every write to the queue in {@code dir} fail until {@link #disarm()}. */
    public static void failWritesIn(Path dir) {
        armedFor = dir.toAbsolutePath().normalize();
    }

    /** Lets writes succeed again. */
    public static void disarm() {
        armedFor = null;
    }

    static void check(Path dir) {
        Path armed = armedFor;
        if (armed != null && armed.equals(dir)) {
            throw new IllegalStateException("injected write error",
                new IOException("No space left on device (injected by WriteErrorInjection)"));
        }
    }
}
