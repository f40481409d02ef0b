package io.contralog.trainer.eval;

import io.contralog.model.score.ScoreFusion;
import io.contralog.model.score.ScoredSequence;

import java.util.Comparator;
import java.util.List;

/**
 * Scored sequences with their labels, and the score of each view of the model: the fused score the agent uses,
 * the context-free part alone and the in-context part alone (each the L2 norm of its two scaled z-scores).
 *
 * @param sequences the labelled sequences, in the order scored
 * @param scored    the model's verdict on each, same order
 * @param fusion    the fusion statistics used to split the score into its parts
 */
public record ScoredSet(List<LabeledSequence> sequences, List<ScoredSequence> scored, ScoreFusion fusion) {

    /** The fused scores. */
    public double[] fused() {
        return scored.stream().mapToDouble(ScoredSequence::score).toArray();
    }

    /** The context-free part of the score: distance of the messages to the nearest normal ones. */
    public double[] contextFree() {
        return scored.stream().mapToDouble(s -> norm(fusion.scaledZ(s.features()), 2, 3)).toArray();
    }

    /** The in-context part of the score: how badly the sequence model predicted each message. */
    public double[] inContext() {
        return scored.stream().mapToDouble(s -> norm(fusion.scaledZ(s.features()), 0, 1)).toArray();
    }

    /** The ground truth, same order. */
    public boolean[] labels() {
        boolean[] labels = new boolean[sequences.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = sequences.get(i).anomalous();
        }
        return labels;
    }

    /** The {@code n} highest-scored sequences, highest first, as indexes into this set. */
    public List<Integer> top(int n) {
        return java.util.stream.IntStream.range(0, scored.size()).boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> scored.get(i).score()).reversed())
            .limit(n).toList();
    }

    private static double norm(double[] z, int a, int b) {
        return Math.sqrt(z[a] * z[a] + z[b] * z[b]);
    }
}
