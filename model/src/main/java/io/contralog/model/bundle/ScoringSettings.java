package io.contralog.model.bundle;

/**
 * How the bundle's threshold was fitted, which scoring must repeat to mean the same thing.
 *
 * @param maskPasses     interleaved masking passes per sequence for the in-context score; 0 means one pass per
 *                       message (exact)
 * @param referenceCount messages in the reference set
 */
public record ScoringSettings(int maskPasses, int referenceCount) {

    /** Default number of interleaved masking passes. */
    public static final int DEFAULT_MASK_PASSES = 4;
}
