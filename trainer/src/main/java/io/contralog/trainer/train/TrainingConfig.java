package io.contralog.trainer.train;

import io.contralog.trainer.nn.ContrastiveLoss;
import io.contralog.trainer.nn.ModelDims;

/**
 * Everything that decides how a model trains; with the same data and seed, training gives the same weights.
 *
 * @param preset preset name recorded in the manifest
 * @param dims model sizes (the vocabulary size is replaced by the learned tokenizer's)
 * @param batchSize sequences per step
 * @param learningRate AdamW learning rate
 * @param maxEpochs most passes over the training sequences
 * @param patience epochs without a better validation loss before stopping
 * @param maxSteps stop after this many steps in total, or 0 for no limit (for speed measurements)
 * @param maskRatio share of the messages of a sequence replaced by the mask vector (at least one)
 * @param clipNorm global gradient-norm limit
 * @param weightDecay AdamW decoupled weight decay
 * @param loss the contrastive objective
 * @param sameTextPositive whether other occurrences of the target's text count as positives (the product's
 *     choice) rather than negatives (the original authors')
 * @param seed seed of initial weights, shuffling and masking
 */
public record TrainingConfig(String preset, ModelDims dims, int batchSize, float learningRate, int maxEpochs,
        int patience, int maxSteps, double maskRatio, float clipNorm, float weightDecay, ContrastiveLoss loss,
        boolean sameTextPositive, long seed) {

    /** About 15% of the messages of each sequence are masked. */
    public static final double DEFAULT_MASK_RATIO = 0.15;
    /** Global gradient-norm limit. */
    public static final float DEFAULT_CLIP_NORM = 1.0f;
    /** AdamW weight decay. */
    public static final float DEFAULT_WEIGHT_DECAY = 0.01f;

    /** Validates the settings. */
    public TrainingConfig {
        if (batchSize < 1 || maxEpochs < 1 || patience < 1 || maxSteps < 0) {
            throw new IllegalArgumentException("batch size, epochs and patience must be positive");
        }
        if (maskRatio <= 0 || maskRatio >= 1) {
            throw new IllegalArgumentException("mask ratio must be between 0 and 1, was " + maskRatio);
        }
    }

    /** Returns a copy with another seed. */
    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(preset, dims, batchSize, learningRate, maxEpochs, patience, maxSteps, maskRatio,
            clipNorm, weightDecay, loss, sameTextPositive, newSeed);
    }

    /** Returns a copy with another epoch limit. */
    public TrainingConfig withMaxEpochs(int epochs) {
        return new TrainingConfig(preset, dims, batchSize, learningRate, epochs, patience, maxSteps, maskRatio,
            clipNorm, weightDecay, loss, sameTextPositive, seed);
    }

    /** Returns a copy that stops after {@code steps} steps (0 for no limit). */
    public TrainingConfig withMaxSteps(int steps) {
        return new TrainingConfig(preset, dims, batchSize, learningRate, maxEpochs, patience, steps, maskRatio,
            clipNorm, weightDecay, loss, sameTextPositive, seed);
    }

    /** Returns a copy with another objective. */
    public TrainingConfig withLoss(ContrastiveLoss newLoss, boolean sameTextIsPositive) {
        return new TrainingConfig(preset, dims, batchSize, learningRate, maxEpochs, patience, maxSteps, maskRatio,
            clipNorm, weightDecay, newLoss, sameTextIsPositive, seed);
    }

    /** Returns a copy with other model sizes. */
    public TrainingConfig withDims(ModelDims newDims) {
        return new TrainingConfig(preset, newDims, batchSize, learningRate, maxEpochs, patience, maxSteps, maskRatio,
            clipNorm, weightDecay, loss, sameTextPositive, seed);
    }
}
