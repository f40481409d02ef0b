package io.contralog.model.bundle;

/**
 * Sizes of the two encoders as recorded in the manifest.
 *
 * @param dim         embedding width
 * @param ffn         feed-forward hidden size
 * @param layers      transformer layers per encoder
 * @param heads       attention heads
 * @param maxTokens   most tokens per message
 * @param maxMessages most messages per sequence
 * @param vocabSize   token ids, including the reserved ones
 */
public record Dims(int dim, int ffn, int layers, int heads, int maxTokens, int maxMessages, int vocabSize) {
}
