package io.contralog.trainer.eval;

import java.util.List;
import java.util.Locale;

/** Plain-text tables of detector figures, for the command line and the benchmark script. */
public final class ResultTable {

    private ResultTable() {
    }

    /** One row per detector of a single run. */
    public static String format(List<DetectorResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-14s %-28s %9s %9s %9s %9s %9s %9s%n", "detector", "threshold",
            "precision", "recall", "f1", "auroc", "sequences", "anomalous"));
        for (DetectorResult r : results) {
            Metrics m = r.metrics();
            out.append(String.format(Locale.ROOT, "%-14s %-28s %9s %9s %9s %9s %9d %9d%n", r.detector(), r.threshold(),
                Metrics.fmt(m.precision()), Metrics.fmt(m.recall()), Metrics.fmt(m.f1()), Metrics.fmt(m.auroc()),
                m.sessions(), m.anomalous()));
        }
        return out.toString();
    }

    /** One row per protocol and detector, means and spreads over seeds. */
    public static String format(Protocol protocol, List<Aggregate> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-8s %-14s %-19s %12s %12s %12s %12s %9s %9s %5s%n", "protocol",
            "detector", "threshold", "precision", "recall", "f1", "auroc", "sequences", "anomalous", "seeds"));
        for (Aggregate a : rows) {
            out.append(String.format(Locale.ROOT, "%-8s %-14s %-19s %12s %12s %12s %12s %9.0f %9.0f %5d%n",
                protocol.id(), a.detector(), a.threshold(), a.precision().format(), a.recall().format(),
                a.f1().format(), a.auroc().format(), a.sessions(), a.anomalous(), a.seeds()));
        }
        return out.toString();
    }

    /** Column names of {@link #tsv}. */
    public static final String TSV_HEADER = String.join("\t", "set", "split", "train", "fit", "train_s", "protocol",
        "detector", "threshold", "precision", "recall", "f1", "auroc", "test", "anomalous", "seeds");

    /** Tab-separated rows for collecting several benchmarks into one table. */
    public static String tsv(String name, SeedRun first, double trainSeconds, Protocol protocol,
                             List<Aggregate> rows) {
        String split = first.order().startsWith("time") ? "time" : "shuffled";
        StringBuilder out = new StringBuilder();
        for (Aggregate a : rows) {
            out.append(String.join("\t", name, split, String.valueOf(first.trainSeqs()),
                String.valueOf(first.fitSeqs()), String.format(Locale.ROOT, "%.0f", trainSeconds), protocol.id(),
                a.detector(), a.threshold(), a.precision().format(), a.recall().format(), a.f1().format(),
                a.auroc().format(), String.format(Locale.ROOT, "%.0f", a.sessions()),
                String.format(Locale.ROOT, "%.0f", a.anomalous()), String.valueOf(a.seeds()))).append('\n');
        }
        return out.toString();
    }
}
