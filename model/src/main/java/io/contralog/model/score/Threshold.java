package io.contralog.model.score;

import java.util.Arrays;

/**
 * The fused score above which a sequence is anomalous, with both ways of choosing it recorded.
 *
 * <p>The percentile method (the authors') takes the 95th percentile of fused scores on normal fit data and so
 * flags about 5% of normal sequences by construction. The false-alarm-target method (the default) takes the
 * smallest order statistic that leaves at most the target fraction of normal fit sequences above it. With fewer
 * than {@code 1 / target} fit sequences that would be their maximum, which a new normal sequence still exceeds
 * with a chance of about {@code 1 / (n + 1)} (1.3% on 75 sequences, against a 0.1% target); from
 * {@link #MIN_TAIL_FIT} sequences on, the threshold is instead extrapolated from an exponential fit to the top
 * tenth of the scores (peaks over a threshold), and never set below their maximum. A sample of the normal scores
 * is kept so that a deployment can re-derive a threshold for another target without the fit data.
 *
 * @param value            the threshold in use
 * @param method           {@link #PERCENTILE} or {@link #FALSE_ALARM_TARGET}
 * @param percentile       the percentile the percentile method used (95)
 * @param percentileValue  the threshold the percentile method gives
 * @param falseAlarmTarget the target false-alarm rate (fraction, 0.001 = 0.1%)
 * @param falseAlarmValue  the threshold the false-alarm-target method gives
 * @param fitCount         normal sequences the threshold was fitted on
 * @param normalScores     sorted fused scores of the fit sequences (evenly thinned beyond {@link #KEPT_SCORES})
 */
public record Threshold(double value, String method, double percentile, double percentileValue,
                        double falseAlarmTarget, double falseAlarmValue, int fitCount, double[] normalScores) {

    /** Method name of the authors' percentile threshold. */
    public static final String PERCENTILE = "percentile";
    /** Method name of the product's false-alarm-target threshold. */
    public static final String FALSE_ALARM_TARGET = "false-alarm-target";
    /** Default target false-alarm rate: 0.1% of normal sequences. */
    public static final double DEFAULT_FALSE_ALARM_TARGET = 0.001;
    /** The authors' percentile. */
    public static final double DEFAULT_PERCENTILE = 95;
    /** Most normal scores kept in the manifest. */
    public static final int KEPT_SCORES = 2000;
    /** Fewest fit sequences from which the tail beyond their maximum is extrapolated. */
    public static final int MIN_TAIL_FIT = 20;
    /** Fewest scores the exponential tail is fitted on. */
    private static final int MIN_TAIL = 5;
    /** Share of the scores, the highest, that the exponential tail is fitted on. */
    private static final double TAIL_SHARE = 0.1;

    /** Fits both methods on fused scores of normal sequences and uses the one named by {@code method}. */
    public static Threshold fit(double[] normalFused, String method, double falseAlarmTarget) {
        if (normalFused.length == 0) {
            throw new IllegalArgumentException("threshold needs at least one normal sequence to fit on");
        }
        if (!(falseAlarmTarget > 0 && falseAlarmTarget < 1)) {
            throw new IllegalArgumentException("false-alarm target must be between 0 and 1, was " + falseAlarmTarget);
        }
        double[] sorted = normalFused.clone();
        Arrays.sort(sorted);
        double pct = percentileOf(sorted, DEFAULT_PERCENTILE);
        double fa = falseAlarmValueFor(sorted, falseAlarmTarget);
        double value = switch (method) {
            case PERCENTILE -> pct;
            case FALSE_ALARM_TARGET -> fa;
            default -> throw new IllegalArgumentException("threshold method '" + method + "' is unknown; use "
                + PERCENTILE + " or " + FALSE_ALARM_TARGET);
        };
        return new Threshold(value, method, DEFAULT_PERCENTILE, pct, falseAlarmTarget, fa, sorted.length,
            thin(sorted));
    }

    /** Fits with the default method (false-alarm target) and target (0.1%). */
    public static Threshold fit(double[] normalFused) {
        return fit(normalFused, FALSE_ALARM_TARGET, DEFAULT_FALSE_ALARM_TARGET);
    }

    /** The threshold another false-alarm target gives on the kept normal scores. */
    public Threshold forTarget(double target) {
        return fit(normalScores, FALSE_ALARM_TARGET, target);
    }

    /** A threshold fixed by hand, keeping this one's fit record. */
    public Threshold withValue(double fixed) {
        return new Threshold(fixed, "fixed", percentile, percentileValue, falseAlarmTarget, falseAlarmValue,
            fitCount, normalScores);
    }

    /** Whether {@code fusedScore} is anomalous: strictly above the threshold. */
    public boolean isAnomalous(double fusedScore) {
        return fusedScore > value;
    }

    /** Linear-interpolated percentile (as numpy's default) of sorted values. */
    static double percentileOf(double[] sorted, double percentile) {
        double pos = percentile / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The false-alarm-target threshold: an order statistic where the fit set holds enough sequences to resolve the
     * target, else the exponential tail's estimate, or the maximum where even the tail has too few points.
     */
    static double falseAlarmValueFor(double[] sorted, double target) {
        int n = sorted.length;
        if (n * target >= 1 || n < MIN_TAIL_FIT) {
            return orderStatisticFor(sorted, target);
        }
        return Math.max(sorted[n - 1], exponentialTail(sorted, target));
    }

    /**
     * Fits {@code P(X > x) = (k / n) exp(-(x - u) / sigma)} to the {@code k} highest scores, where {@code u} is the
     * score just below them and {@code sigma} their mean excess over it, and solves for the target.
     */
    static double exponentialTail(double[] sorted, double target) {
        int n = sorted.length;
        int k = Math.min(n - 1, Math.max(MIN_TAIL, (int) Math.round(TAIL_SHARE * n)));
        double u = sorted[n - k - 1];
        double excess = 0;
        for (int i = n - k; i < n; i++) {
            excess += sorted[i] - u;
        }
        double sigma = excess / k;
        return u + sigma * Math.log((double) k / n / target);
    }

    /** Smallest sorted value with at most {@code target} of the values strictly above it. */
    static double orderStatisticFor(double[] sorted, double target) {
        int n = sorted.length;
        int index = (int) Math.ceil((1 - target) * n - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))];
    }

    private static double[] thin(double[] sorted) {
        if (sorted.length <= KEPT_SCORES) {
            return sorted;
        }
        double[] out = new double[KEPT_SCORES];
        for (int i = 0; i < KEPT_SCORES; i++) {
            out[i] = sorted[(int) Math.round(i * (sorted.length - 1) / (double) (KEPT_SCORES - 1))];
        }
        return out;
    }
}
