package io.contralog.model.score;

import java.util.Arrays;
import java.util.List;

/**
 * Combines the four features into one score: each becomes a robust z-score {@code |x - median| / MAD} fitted on
 * normal sequences, divided by that feature's largest z-score on the same normal data, and the four are joined
 * by their L2 norm.
 *
 * <p>A feature whose median absolute deviation is zero on normal data (typical for a context-free score when
 * every normal message is in the reference set) falls back to the mean absolute deviation, and then to
 * {@link #MIN_SPREAD}, so that float noise does not divide by zero while any real departure still stands out.
 *
 * @param median median of each feature on normal data
 * @param mad    spread (median absolute deviation, or its fallback) of each feature
 * @param scale  largest z-score of each feature on normal data (1 where all were zero)
 */
public record ScoreFusion(double[] median, double[] mad, double[] scale) {

    /** Smallest spread used, in cosine-distance units. */
    public static final double MIN_SPREAD = 1e-4;

    /** Checks the arrays have one entry per feature. */
    public ScoreFusion {
        if (median.length != Features.COUNT || mad.length != Features.COUNT || scale.length != Features.COUNT) {
            throw new IllegalArgumentException("fusion statistics need " + Features.COUNT + " values each");
        }
    }

    /** Fits the statistics on features of normal sequences. */
    public static ScoreFusion fit(List<Features> normal) {
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("fusion needs at least one normal sequence to fit on");
        }
        double[] median = new double[Features.COUNT];
        double[] mad = new double[Features.COUNT];
        double[] scale = new double[Features.COUNT];
        for (int f = 0; f < Features.COUNT; f++) {
            double[] xs = column(normal, f);
            median[f] = median(xs);
            mad[f] = spread(xs, median[f]);
            double maxZ = 0;
            for (double x : xs) {
                maxZ = Math.max(maxZ, Math.abs(x - median[f]) / mad[f]);
            }
            scale[f] = maxZ > 0 ? maxZ : 1;
        }
        return new ScoreFusion(median, mad, scale);
    }

    /** The scaled z-score of each feature. */
    public double[] scaledZ(Features features) {
        double[] x = features.toArray();
        double[] z = new double[Features.COUNT];
        for (int f = 0; f < Features.COUNT; f++) {
            z[f] = Math.abs(x[f] - median[f]) / mad[f] / scale[f];
        }
        return z;
    }

    /** The fused score: the L2 norm of the scaled z-scores. */
    public double fuse(Features features) {
        double sum = 0;
        for (double z : scaledZ(features)) {
            sum += z * z;
        }
        return Math.sqrt(sum);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double spread(double[] xs, double median) {
        double[] dev = new double[xs.length];
        double sum = 0;
        for (int i = 0; i < xs.length; i++) {
            dev[i] = Math.abs(xs[i] - median);
            sum += dev[i];
        }
        double mad = median(dev);
        if (mad > MIN_SPREAD) {
            return mad;
        }
        return Math.max(sum / xs.length, MIN_SPREAD);
    }

    private static double[] column(List<Features> rows, int f) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).toArray()[f];
        }
        return out;
    }
}
