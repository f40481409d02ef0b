package io.contralog.model.score;

/**
 * The four sequence features the fused score combines.
 *
 * @param meanIn   mean in-context score over the sequence's messages
 * @param maxIn    largest in-context score
 * @param meanFree mean context-free (nearest-normal) score
 * @param maxFree  largest context-free score
 */
public record Features(double meanIn, double maxIn, double meanFree, double maxFree) {

    /** Number of features. */
    public static final int COUNT = 4;

    /** The features of one sequence from its per-message scores. */
    public static Features of(float[] inContext, float[] contextFree) {
        return new Features(mean(inContext), max(inContext), mean(contextFree), max(contextFree));
    }

    /** The features in a fixed order: meanIn, maxIn, meanFree, maxFree. */
    public double[] toArray() {
        return new double[] {meanIn, maxIn, meanFree, maxFree};
    }

    private static double mean(float[] xs) {
        double sum = 0;
        for (float x : xs) {
            sum += x;
        }
        return xs.length == 0 ? 0 : sum / xs.length;
    }

    private static double max(float[] xs) {
        double m = xs.length == 0 ? 0 : Double.NEGATIVE_INFINITY;
        for (float x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }
}
