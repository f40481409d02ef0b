package io.contralog.trainer.nn;

/**
 * Sizes of both encoders; the message and sequence encoders share width, feed-forward size, depth and heads.
 *
 * @param dim embedding width of messages and of the sequence encoder
 * @param ffn hidden size of each feed-forward sub-layer
 * @param layers transformer layers in each encoder
 * @param heads attention heads (must divide {@code dim})
 * @param maxTokens longest token sequence of one message
 * @param maxMessages longest sequence of messages
 * @param vocabSize number of token ids, including the reserved padding id 0
 */
public record ModelDims(int dim, int ffn, int layers, int heads, int maxTokens, int maxMessages, int vocabSize) {

    /** Checks that the sizes can build a model. */
    public ModelDims {
        if (dim <= 0 || ffn <= 0 || layers <= 0 || heads <= 0 || maxTokens <= 0 || maxMessages <= 0 || vocabSize <= 1) {
            throw new IllegalArgumentException("model sizes must be positive (vocabSize > 1): " + this);
        }
        if (dim % heads != 0) {
            throw new IllegalArgumentException("dim " + dim + " is not divisible by heads " + heads);
        }
    }

    /** Returns the same sizes with another vocabulary size. */
    public ModelDims withVocabSize(int size) {
        return new ModelDims(dim, ffn, layers, heads, maxTokens, maxMessages, size);
    }

    /** Width of one attention head. */
    public int headDim() {
        return dim / heads;
    }
}
