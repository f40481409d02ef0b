package io.contralog.trainer.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One detector's figures over several seeds: mean and standard deviation of each, and the counts behind them.
 *
 * @param detector  the detector
 * @param threshold how its threshold was chosen (the method, without the per-seed value)
 * @param precision mean and spread
 * @param recall    mean and spread
 * @param f1        mean and spread
 * @param auroc     mean and spread
 * @param sessions  test sequences per seed (mean)
 * @param anomalous anomalous test sequences per seed (mean)
 * @param seeds     seeds behind the figures
 */
public record Aggregate(String detector, String threshold, Stat precision, Stat recall, Stat f1, Stat auroc,
                        double sessions, double anomalous, int seeds) {

    /**
     * A mean and a sample standard deviation, ignoring undefined (NaN) values.
     *
     * @param mean mean of the defined values, NaN when none is
     * @param sd   sample standard deviation, 0 with one value
     */
    public record Stat(double mean, double sd) {

        static Stat of(List<Double> values) {
            List<Double> defined = values.stream().filter(v -> !Double.isNaN(v)).toList();
            if (defined.isEmpty()) {
                return new Stat(Double.NaN, Double.NaN);
            }
            double mean = defined.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double squares = defined.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Stat(mean, defined.size() < 2 ? 0 : Math.sqrt(squares / (defined.size() - 1)));
        }

        /** Formats as {@code .812±.031}, or {@code n/a}. */
        public String format() {
            if (Double.isNaN(mean)) {
                return "n/a";
            }
            return String.format(Locale.ROOT, "%.3f±%.3f", mean, sd);
        }
    }

    /** Aggregates the results of {@code runs} under {@code protocol}, one row per detector and threshold method. */
    public static List<Aggregate> of(List<SeedRun> runs, Protocol protocol) {
        Map<String, List<DetectorResult>> rows = new LinkedHashMap<>();
        for (SeedRun run : runs) {
            for (DetectorResult r : run.results().get(protocol)) {
                rows.computeIfAbsent(r.detector() + "\u0000" + method(r.threshold()), k -> new ArrayList<>()).add(r);
            }
        }
        List<Aggregate> out = new ArrayList<>();
        for (List<DetectorResult> results : rows.values()) {
            DetectorResult first = results.get(0);
            out.add(new Aggregate(first.detector(), method(first.threshold()),
                stat(results, m -> m.precision()), stat(results, m -> m.recall()), stat(results, m -> m.f1()),
                stat(results, m -> m.auroc()), mean(results, m -> m.sessions()), mean(results, m -> m.anomalous()),
                results.size()));
        }
        return out;
    }

    /** The line {@code evaluate} and {@code benchmark} end with, from the means. */
    public String line() {
        return String.format(Locale.ROOT, "precision=%s recall=%s f1=%s auroc=%s sessions=%d anomalous=%d",
            Metrics.fmt(precision.mean()), Metrics.fmt(recall.mean()), Metrics.fmt(f1.mean()),
            Metrics.fmt(auroc.mean()), Math.round(sessions), Math.round(anomalous));
    }

    private static String method(String threshold) {
        int space = threshold.indexOf(' ');
        return space < 0 || threshold.startsWith("any") || threshold.startsWith("none") ? threshold
            : threshold.substring(0, space);
    }

    private static Stat stat(List<DetectorResult> results, ToDoubleFunction<Metrics> figure) {
        return Stat.of(results.stream().map(r -> figure.applyAsDouble(r.metrics())).toList());
    }

    private static double mean(List<DetectorResult> results, ToDoubleFunction<Metrics> figure) {
        return results.stream().mapToDouble(r -> figure.applyAsDouble(r.metrics())).average().orElse(0);
    }
}
