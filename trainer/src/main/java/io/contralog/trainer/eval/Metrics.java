package io.contralog.trainer.eval;

import java.util.Locale;

/**
 * Detection figures at one threshold, with the counts behind them.
 *
 * @param precision true positives over flagged sequences (NaN when nothing is flagged)
 * @param recall    true positives over anomalous sequences (NaN without anomalies)
 * @param f1        harmonic mean of precision and recall (0 when either is 0 or NaN)
 * @param auroc     area under the ROC curve of the score, threshold-free (NaN without both classes)
 * @param sessions  sequences scored
 * @param anomalous anomalous sequences among them
 * @param truePositives  anomalous and flagged
 * @param falsePositives normal and flagged
 */
public record Metrics(double precision, double recall, double f1, double auroc, int sessions, int anomalous,
                      int truePositives, int falsePositives) {

    /** Computes the figures of {@code scores} against {@code labels}; a score strictly above threshold flags. */
    public static Metrics of(double[] scores, boolean[] labels, double threshold) {
        int tp = 0;
        int fp = 0;
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] > threshold;
            positives += labels[i] ? 1 : 0;
            tp += flagged && labels[i] ? 1 : 0;
            fp += flagged && !labels[i] ? 1 : 0;
        }
        double precision = tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
        double recall = positives == 0 ? Double.NaN : tp / (double) positives;
        double f1 = precision > 0 && recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return new Metrics(precision, recall, f1, Curves.auroc(scores, labels), scores.length, positives, tp, fp);
    }

    /** The closing line of {@code evaluate} and {@code benchmark}. */
    public String line() {
        return String.format(Locale.ROOT, "precision=%s recall=%s f1=%s auroc=%s sessions=%d anomalous=%d",
            fmt(precision), fmt(recall), fmt(f1), fmt(auroc), sessions, anomalous);
    }

    static String fmt(double value) {
        return Double.isNaN(value) ? "nan" : String.format(Locale.ROOT, "%.3f", value);
    }
}
