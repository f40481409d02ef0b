package io.contralog.trainer.train;

import io.contralog.trainer.nn.ContrastiveLoss;
import io.contralog.trainer.nn.ModelDims;

import java.util.Locale;

/**
 * Named model and optimisation sizes.
 *
 * <p>{@link #TINY} trains in seconds and exists for tests; {@link #SMALL} (the default) is sized so that the agent
 * scores several thousand lines per second on two CPU cores; {@link #PAPER} uses the sizes the method's authors
 * used for BGL (width 64, feed-forward 256, 4 layers, 4 heads, 256 messages, 64 tokens).
 */
public enum Preset {
    /** Width 32, one layer per encoder; for tests and demos. */
    TINY(new ModelDims(32, 64, 1, 2, 32, 32, 384), 16, 3e-3f, 8, 2),
    /** Width 64, two layers per encoder; the default. */
    SMALL(new ModelDims(64, 128, 2, 4, 32, 128, 1024), 16, 1e-3f, 30, 3),
    /** The authors' BGL sizes. */
    PAPER(new ModelDims(64, 256, 4, 4, 64, 256, 2048), 16, 1e-3f, 30, 3);

    private final ModelDims dims;
    private final int batchSize;
    private final float learningRate;
    private final int maxEpochs;
    private final int patience;

    Preset(ModelDims dims, int batchSize, float learningRate, int maxEpochs, int patience) {
        this.dims = dims;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.maxEpochs = maxEpochs;
        this.patience = patience;
    }

    /** Model sizes; the vocabulary size is the tokenizer's target. */
    public ModelDims dims() {
        return dims;
    }

    /** The lower-case name used on the command line and in the manifest. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A training configuration with this preset's defaults. */
    public TrainingConfig config() {
        return new TrainingConfig(id(), dims, batchSize, learningRate, maxEpochs, patience, 0,
            TrainingConfig.DEFAULT_MASK_RATIO, TrainingConfig.DEFAULT_CLIP_NORM, TrainingConfig.DEFAULT_WEIGHT_DECAY,
            ContrastiveLoss.SIGMOID, true, 1L);
    }

    /** Parses a preset name (tiny, small or paper). */
    public static Preset parse(String name) {
        for (Preset p : values()) {
            if (p.id().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "'; use tiny, small or paper");
    }
}
