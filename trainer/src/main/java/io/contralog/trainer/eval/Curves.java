package io.contralog.trainer.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Threshold-free views of a score: AUROC (as the Mann-Whitney statistic, ties counted half), the ROC curve and
 * the precision-recall curve.
 */
public final class Curves {

    private Curves() {
    }

    /** Returns the AUROC of {@code scores} against {@code labels}, or NaN when one class is missing. */
    public static double auroc(double[] scores, boolean[] labels) {
        Integer[] order = sortedAscending(scores);
        long positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    positives++;
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    /** Returns ROC points (false-positive rate, true-positive rate), from (0,0) to (1,1). */
    public static List<double[]> roc(double[] scores, boolean[] labels) {
        long positives = count(labels, true);
        long negatives = labels.length - positives;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        long tp = 0;
        long fp = 0;
        for (int[] group : descendingGroups(scores)) {
            for (int k = group[0]; k <= group[1]; k++) {
                int index = descending(scores)[k];
                if (labels[index]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            points.add(new double[] {negatives == 0 ? 0 : fp / (double) negatives,
                positives == 0 ? 0 : tp / (double) positives});
        }
        return points;
    }

    /** Returns precision-recall points (recall, precision), one per distinct score, highest score first. */
    public static List<double[]> precisionRecall(double[] scores, boolean[] labels) {
        long positives = count(labels, true);
        List<double[]> points = new ArrayList<>();
        long tp = 0;
        long flagged = 0;
        int[] order = descending(scores);
        for (int[] group : descendingGroups(scores)) {
            for (int k = group[0]; k <= group[1]; k++) {
                flagged++;
                tp += labels[order[k]] ? 1 : 0;
            }
            points.add(new double[] {positives == 0 ? 0 : tp / (double) positives, tp / (double) flagged});
        }
        return points;
    }

    private static List<int[]> descendingGroups(double[] scores) {
        int[] order = descending(scores);
        List<int[]> groups = new ArrayList<>();
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            groups.add(new int[] {i, j});
            i = j + 1;
        }
        return groups;
    }

    private static int[] descending(double[] scores) {
        Integer[] ascending = sortedAscending(scores);
        int[] out = new int[ascending.length];
        for (int i = 0; i < ascending.length; i++) {
            out[i] = ascending[ascending.length - 1 - i];
        }
        return out;
    }

    private static Integer[] sortedAscending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }

    private static long count(boolean[] labels, boolean value) {
        long n = 0;
        for (boolean label : labels) {
            n += label == value ? 1 : 0;
        }
        return n;
    }
}
