package io.contralog.trainer.nn;

import ai.djl.ndarray.NDArray;

/**
 * Moves an array made from Java data into memory the engine allocated itself.
 *
 * <p>Implementation note: an array created from a Java buffer wraps that buffer's native memory, whose alignment
 * depends on which earlier buffers the garbage collector has freed; the engine's vectorised kernels then take
 * differently aligned paths and round differently, so a seeded run drifts whenever a collection runs during it.
 * The engine's own allocations are always aligned alike.
 */
public final class Owned {

    private Owned() {
    }

    /** Returns an engine-owned copy attached to the same manager, and closes the original. */
    public static NDArray copy(NDArray wrapped) {
        NDArray owned = wrapped.duplicate();
        wrapped.close();
        return owned;
    }
}
