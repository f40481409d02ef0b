package io.contralog.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

import java.util.Locale;

/**
 * The contrastive objective for masked-message prediction on L2-normalised vectors.
 *
 * <p>{@link #SIGMOID} is the pairwise sigmoid loss (logit = 10 x cosine - 10, label +1 for a positive pair and
 * -1 otherwise, summed over candidates and averaged over predictions). {@link #INFONCE} is a symmetric InfoNCE
 * with temperature 0.25 where a row may have several positives. Which candidate columns are positive is
 * decided by the caller: the same text anywhere in the batch (the default) or only the true occurrence (the
 * original authors' variant).
 */
public enum ContrastiveLoss {
    /** Pairwise sigmoid loss, scale 10, bias -10. */
    SIGMOID,
    /** Symmetric InfoNCE, temperature 0.25. */
    INFONCE;

    /** Sigmoid logit scale. */
    public static final float SCALE = 10f;
    /** Sigmoid logit bias. */
    public static final float BIAS = -10f;
    /** InfoNCE temperature. */
    public static final float TEMPERATURE = 0.25f;

    private static final float TINY = 1e-20f;

    /**
     * Computes the loss.
     *
     * @param predictions [m, dim] predicted embeddings at masked positions
     * @param candidates [n, dim] every real message occurrence in the batch
     * @param positive [m, n] 1 where the candidate counts as the prediction's positive, else 0
     * @param targetPositive [m, m] 1 where target j is a positive of prediction i (for the reverse direction)
     * @param targets [m, dim] the true embedding of each masked position
     * @return a scalar loss
     */
    public NDArray compute(NDArray predictions, NDArray candidates, NDArray positive, NDArray targetPositive,
            NDArray targets) {
        NDArray cosine = predictions.matMul(candidates.transpose());
        long rows = predictions.getShape().get(0);
        if (this == SIGMOID) {
            NDArray logits = cosine.mul(SCALE).add(BIAS);
            NDArray signs = positive.mul(2f).sub(1f);
            return Activation.softPlus(logits.mul(signs).neg()).sum().div((float) rows);
        }
        NDArray forward = multiPositiveNll(cosine.div(TEMPERATURE), positive);
        NDArray reverse = multiPositiveNll(targets.matMul(predictions.transpose()).div(TEMPERATURE),
            targetPositive.transpose());
        return forward.add(reverse).div(2f);
    }

    private static NDArray multiPositiveNll(NDArray logits, NDArray positive) {
        NDArray probabilities = logits.logSoftmax(1).exp();
        return probabilities.mul(positive).sum(new int[] {1}).add(TINY).log().neg().mean();
    }

    /** Parses a loss name (sigmoid or infonce). */
    public static ContrastiveLoss parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown loss '" + name + "'; use sigmoid or infonce", e);
        }
    }
}
