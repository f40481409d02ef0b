package io.contralog.trainer.eval;

import io.contralog.model.score.Threshold;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Scores one test set with every detector the benchmark compares: the model at its product threshold and at the
 * authors' percentile threshold, its context-free and in-context parts alone, and the unseen-message baselines.
 *
 * <p>The parts alone get the authors' method too: the 95th percentile of their values on the normal fit split.
 * Without a fit split (evaluating a finished model) they get an AUROC only.
 */
public final class Detectors {

    private Detectors() {
    }

    /**
     * Returns one result per detector; {@code fitNormal} (may be null) fits the thresholds of the parts alone.
     */
    public static List<DetectorResult> evaluate(ScoredSet test, Threshold threshold, ScoredSet fitNormal,
                                                List<UnseenMessageBaseline> baselines) {
        boolean[] labels = test.labels();
        double[] fused = test.fused();
        List<DetectorResult> out = new ArrayList<>();
        out.add(new DetectorResult("model", describe(threshold.method(), threshold.value()),
            Metrics.of(fused, labels, threshold.value())));
        if (!Threshold.PERCENTILE.equals(threshold.method())) {
            out.add(new DetectorResult("model", describe("percentile", threshold.percentileValue()),
                Metrics.of(fused, labels, threshold.percentileValue())));
        }
        out.add(part("context-free", test.contextFree(), fitNormal == null ? null : fitNormal.contextFree(),
            labels));
        out.add(part("in-context", test.inContext(), fitNormal == null ? null : fitNormal.inContext(), labels));
        for (UnseenMessageBaseline baseline : baselines) {
            double[] scores = test.sequences().stream().mapToDouble(baseline::score).toArray();
            out.add(new DetectorResult(baseline.name(), "any unseen message", Metrics.of(scores, labels, 0)));
        }
        return out;
    }

    /** The model's result at its own threshold: the first of {@link #evaluate}'s results. */
    public static DetectorResult primary(List<DetectorResult> results) {
        return results.get(0);
    }

    private static DetectorResult part(String name, double[] scores, double[] fitScores, boolean[] labels) {
        if (fitScores == null || fitScores.length == 0) {
            Metrics m = Metrics.of(scores, labels, Double.POSITIVE_INFINITY);
            return new DetectorResult(name, "none (AUROC only)", new Metrics(Double.NaN, Double.NaN, Double.NaN,
                m.auroc(), m.sessions(), m.anomalous(), 0, 0));
        }
        double[] sorted = fitScores.clone();
        Arrays.sort(sorted);
        double threshold = percentile(sorted, Threshold.DEFAULT_PERCENTILE);
        return new DetectorResult(name, describe("percentile", threshold), Metrics.of(scores, labels, threshold));
    }

    static double percentile(double[] sorted, double percentile) {
        double pos = percentile / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static String describe(String method, double value) {
        return String.format(Locale.ROOT, "%s %.4f", method, value);
    }
}
