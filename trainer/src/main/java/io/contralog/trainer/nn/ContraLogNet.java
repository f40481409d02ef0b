package io.contralog.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * The two ContraLog encoders and their weights.
 *
 * <p>The message encoder maps token ids to one L2-normalised embedding per message (learned token and position
 * embeddings, pre-norm transformer layers with a key padding mask, a final layer norm, mean-pooling over real
 * tokens, a linear layer). The sequence encoder replaces masked positions by a learned mask vector, adds
 * learned positions, runs its own pre-norm layers and projects each position to an L2-normalised prediction.
 * Weight names here are also the initializer names of the exported ONNX graphs.
 */
public final class ContraLogNet implements AutoCloseable {

    /** Prefix of the message encoder's weights. */
    public static final String MSG = "msg";
    /** Prefix of the sequence encoder's weights. */
    public static final String SEQ = "seq";

    /**
     * Token embeddings start at unit scale (as a framework's default embedding does) rather than the 0.02 of the
     * other weights: at 0.02 a few optimiser steps on the layer biases outweigh the token content of the residual
     * stream, and every message then pools to nearly the same vector.
     */
    static final double TOKEN_INIT_STD = 1.0;

    private final ModelDims dims;
    private final Params params;

    /** Creates a freshly initialised model. */
    public ContraLogNet(NDManager manager, ModelDims dims, long seed) {
        this.dims = dims;
        this.params = new Params(manager, seed);
        params.normalWithStd(MSG + ".tok", TOKEN_INIT_STD, dims.vocabSize(), dims.dim());
        params.normal(MSG + ".pos", dims.maxTokens(), dims.dim());
        addStack(MSG);
        params.normal(SEQ + ".mask", dims.dim());
        params.normal(SEQ + ".pos", dims.maxMessages(), dims.dim());
        addStack(SEQ);
    }

    private void addStack(String prefix) {
        for (int i = 0; i < dims.layers(); i++) {
            Layers.addEncoderLayer(params, layerName(prefix, i), dims);
        }
        Layers.addLayerNorm(params, prefix + ".lnf", dims.dim());
        Layers.addLinear(params, prefix + ".out", dims.dim(), dims.dim());
    }

    /** Name of layer {@code index} of the encoder with {@code prefix}. */
    public static String layerName(String prefix, int index) {
        return prefix + ".l" + index;
    }

    /** The model sizes. */
    public ModelDims dims() {
        return dims;
    }

    /** The weights. */
    public Params params() {
        return params;
    }

    /**
     * Embeds messages.
     *
     * @param ids int64 [batch, tokens] token ids, 0 for padding
     * @param mask float32 [batch, tokens], 1 for real tokens
     * @return float32 [batch, dim], L2-normalised
     */
    public NDArray encodeMessages(NDArray ids, NDArray mask) {
        NDManager m = ids.getManager();
        long tokens = ids.getShape().get(1);
        NDArray positions = params.get(MSG + ".pos").get(m, new NDIndex(":{}", tokens));
        NDArray x = params.get(MSG + ".tok").get(m, new NDIndex("{}", ids)).add(positions);
        x = stack(x, mask, MSG);
        NDArray weights = mask.expandDims(2);
        NDArray pooled = x.mul(weights).sum(new int[] {1}).div(weights.sum(new int[] {1}).maximum(1f));
        return Layers.l2Normalize(Layers.linear(pooled, params, MSG + ".out"));
    }

    /**
     * Predicts the embedding at every position of each sequence.
     *
     * @param embeddings float32 [batch, length, dim]
     * @param padding float32 [batch, length], 1 for real messages
     * @param masked float32 [batch, length], 1 where the input is replaced by the mask vector
     * @return float32 [batch, length, dim], L2-normalised
     */
    public NDArray encodeSequences(NDArray embeddings, NDArray padding, NDArray masked) {
        NDManager m = embeddings.getManager();
        long length = embeddings.getShape().get(1);
        NDArray where = masked.expandDims(2);
        NDArray x = embeddings.sub(embeddings.mul(where)).add(where.mul(params.get(SEQ + ".mask")));
        x = x.add(params.get(SEQ + ".pos").get(m, new NDIndex(":{}", length)));
        x = stack(x, padding, SEQ);
        return Layers.l2Normalize(Layers.linear(x, params, SEQ + ".out"));
    }

    private NDArray stack(NDArray input, NDArray keyMask, String prefix) {
        NDArray bias = Layers.attentionBias(keyMask);
        NDArray x = input;
        for (int i = 0; i < dims.layers(); i++) {
            x = Layers.encoderLayer(x, bias, params, layerName(prefix, i), dims);
        }
        return Layers.layerNorm(x, params, prefix + ".lnf");
    }

    @Override
    public void close() {
        params.close();
    }
}
