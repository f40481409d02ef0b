package io.contralog.model.bundle;

import io.contralog.model.tokenize.BpeTokenizer;

/**
 * The tokenizer's settings as recorded in the manifest.
 *
 * @param type      tokenizer kind, {@code byte-bpe}
 * @param vocabSize ids the embedding table holds
 * @param maxTokens most ids per message
 * @param lowercase whether text is lowercased before encoding
 */
public record TokenizerSettings(String type, int vocabSize, int maxTokens, boolean lowercase) {

    /** The settings of {@code tokenizer}. */
    public static TokenizerSettings of(BpeTokenizer tokenizer) {
        return new TokenizerSettings("byte-bpe", tokenizer.vocabSize(), tokenizer.maxTokens(), true);
    }
}
