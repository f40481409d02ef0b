package io.contralog.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The basic operations of the encoders, written so that their ONNX counterparts compute the same values.
 *
 * <p>Implementation notes: every operation puts the activation first so that the result belongs to the
 * activation's (per-step) manager, never to the long-lived manager that owns the weights.
 */
public final class Layers {

    /** Layer-norm epsilon, shared with the ONNX LayerNormalization node. */
    public static final float LN_EPSILON = 1e-5f;
    /** Additive attention bias for padded keys. */
    public static final float MASK_PENALTY = 1e9f;
    /** Floor on a vector's squared length before L2 normalisation. */
    public static final float NORM_FLOOR = 1e-12f;

    private Layers() {
    }

    /** x @ w + b for x of any rank. */
    public static NDArray linear(NDArray x, Params p, String name) {
        return x.matMul(p.get(name + ".w")).add(p.get(name + ".b"));
    }

    /** Layer normalisation over the last axis. */
    public static NDArray layerNorm(NDArray x, Params p, String name) {
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        NDArray variance = centred.square().mean(new int[] {-1}, true);
        return centred.div(variance.add(LN_EPSILON).sqrt()).mul(p.get(name + ".g")).add(p.get(name + ".b"));
    }

    /** Divides each vector of the last axis by its length. */
    public static NDArray l2Normalize(NDArray x) {
        return x.div(x.square().sum(new int[] {-1}, true).maximum(NORM_FLOOR).sqrt());
    }

    /** Turns a [batch, keys] 1/0 mask into an additive [batch, 1, 1, keys] attention bias. */
    public static NDArray attentionBias(NDArray keyMask) {
        return keyMask.sub(1f).mul(MASK_PENALTY).expandDims(1).expandDims(1);
    }

    /** One pre-norm transformer layer: x + attention(LN(x)), then + FFN(LN(x)) with exact GELU. */
    public static NDArray encoderLayer(NDArray x, NDArray bias, Params p, String name, ModelDims dims) {
        NDArray attended = x.add(linear(attention(layerNorm(x, p, name + ".ln1"), bias, p, name, dims), p,
            name + ".o"));
        NDArray hidden = Activation.gelu(linear(layerNorm(attended, p, name + ".ln2"), p, name + ".ff1"));
        return attended.add(linear(hidden, p, name + ".ff2"));
    }

    private static NDArray attention(NDArray h, NDArray bias, Params p, String name, ModelDims dims) {
        long batch = h.getShape().get(0);
        long length = h.getShape().get(1);
        Shape split = new Shape(batch, length, dims.heads(), dims.headDim());
        NDArray q = linear(h, p, name + ".q").reshape(split).transpose(0, 2, 1, 3);
        NDArray k = linear(h, p, name + ".k").reshape(split).transpose(0, 2, 3, 1);
        NDArray v = linear(h, p, name + ".v").reshape(split).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k).mul((float) (1.0 / Math.sqrt(dims.headDim()))).add(bias);
        NDArray mixed = scores.softmax(-1).matMul(v);
        return mixed.transpose(0, 2, 1, 3).reshape(new Shape(batch, length, dims.dim()));
    }

    /** Adds the weights of one layer named {@code name} to {@code p}. */
    public static void addEncoderLayer(Params p, String name, ModelDims dims) {
        addLayerNorm(p, name + ".ln1", dims.dim());
        for (String proj : new String[] {".q", ".k", ".v", ".o"}) {
            addLinear(p, name + proj, dims.dim(), dims.dim());
        }
        addLayerNorm(p, name + ".ln2", dims.dim());
        addLinear(p, name + ".ff1", dims.dim(), dims.ffn());
        addLinear(p, name + ".ff2", dims.ffn(), dims.dim());
    }

    /** Adds an [in, out] weight and an [out] bias. */
    public static void addLinear(Params p, String name, int in, int out) {
        p.normal(name + ".w", in, out);
        p.constant(name + ".b", 0f, out);
    }

    /** Adds a layer norm's gain (ones) and bias (zeros). */
    public static void addLayerNorm(Params p, String name, int width) {
        p.constant(name + ".g", 1f, width);
        p.constant(name + ".b", 0f, width);
    }
}
