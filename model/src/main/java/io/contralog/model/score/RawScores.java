package io.contralog.model.score;

/**
 * Per-message scores of a batch of sequences, before fusion.
 *
 * @param inContext   per sequence, per message: 1 - cos(prediction with the message masked, its embedding)
 * @param contextFree per sequence, per message: cosine distance to the nearest normal reference message
 * @param nearest     per sequence, per message: index of that reference message (-1 with no reference set)
 */
public record RawScores(float[][] inContext, float[][] contextFree, int[][] nearest) {

    /** Number of sequences. */
    public int size() {
        return inContext.length;
    }

    /** The four features of sequence {@code i}. */
    public Features features(int i) {
        return Features.of(inContext[i], contextFree[i]);
    }
}
