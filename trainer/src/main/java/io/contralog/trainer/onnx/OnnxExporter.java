package io.contralog.trainer.onnx;

import ai.djl.ndarray.NDArray;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.contralog.trainer.nn.ContraLogNet;
import io.contralog.trainer.nn.Layers;
import io.contralog.trainer.nn.ModelDims;
import io.contralog.trainer.onnx.OnnxGraph.Attr;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the two encoders of a {@link ContraLogNet} as ONNX graphs with the input and output names the scorer
 * expects, dynamic batch and length axes, and opset 17.
 *
 * <p>Implementation notes: every node mirrors one step of {@link Layers} and {@link ContraLogNet} in the same
 * order, so that ONNX Runtime and the training engine agree to float rounding.
 */
public final class OnnxExporter {

    /** File name of the message encoder inside a bundle. */
    public static final String MESSAGE_ENCODER = "message_encoder.onnx";
    /** File name of the sequence encoder inside a bundle. */
    public static final String SEQUENCE_ENCODER = "sequence_encoder.onnx";

    private static final Attr[] NONE = new Attr[0];

    private final ContraLogNet net;
    private final ModelDims dims;

    /** Exports {@code net}'s current weights. */
    public OnnxExporter(ContraLogNet net) {
        this.net = net;
        this.dims = net.dims();
    }

    /** Writes both encoders into {@code dir} under their bundle file names. */
    public void writeTo(Path dir) throws IOException {
        write(messageEncoder(), dir.resolve(MESSAGE_ENCODER));
        write(sequenceEncoder(), dir.resolve(SEQUENCE_ENCODER));
    }

    private static void write(ModelProto model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
    }

    /** The message encoder: input_ids, attention_mask to embedding. */
    public ModelProto messageEncoder() {
        OnnxGraph g = new OnnxGraph("contralog_message_encoder");
        String ids = g.input("input_ids", DataType.INT64, "batch", "tokens");
        String mask = g.input("attention_mask", DataType.FLOAT, "batch", "tokens");
        String tokens = g.node("Gather", new Attr[] {Attr.of("axis", 0L)}, weight(g, "msg.tok"), ids);
        String x = g.node("Add", tokens, positions(g, "msg.pos", ids));
        x = stack(g, x, mask, ContraLogNet.MSG);

        String weights = g.node("Unsqueeze", mask, g.longs(2));
        String summed = g.node("ReduceSum", new Attr[] {Attr.of("keepdims", 0L)}, g.node("Mul", x, weights),
            g.longs(1));
        String count = g.node("ReduceSum", new Attr[] {Attr.of("keepdims", 0L)}, weights, g.longs(1));
        String pooled = g.node("Div", summed, g.node("Max", count, g.scalar(1f)));
        l2Normalize(g, linear(g, pooled, "msg.out"), "embedding");
        g.output("embedding", DataType.FLOAT, "batch", (long) dims.dim());
        return g.build();
    }

    /** The sequence encoder: embeddings, padding_mask, masked to predicted. */
    public ModelProto sequenceEncoder() {
        OnnxGraph g = new OnnxGraph("contralog_sequence_encoder");
        String emb = g.input("embeddings", DataType.FLOAT, "batch", "length", (long) dims.dim());
        String padding = g.input("padding_mask", DataType.FLOAT, "batch", "length");
        String masked = g.input("masked", DataType.FLOAT, "batch", "length");
        String where = g.node("Unsqueeze", masked, g.longs(2));
        String kept = g.node("Sub", emb, g.node("Mul", emb, where));
        String x = g.node("Add", kept, g.node("Mul", where, weight(g, "seq.mask")));
        x = g.node("Add", x, positions(g, "seq.pos", padding));
        x = stack(g, x, padding, ContraLogNet.SEQ);
        l2Normalize(g, linear(g, x, "seq.out"), "predicted");
        g.output("predicted", DataType.FLOAT, "batch", "length", (long) dims.dim());
        return g.build();
    }

    private String positions(OnnxGraph g, String table, String shaped) {
        String length = g.node("Shape", new Attr[] {Attr.of("start", 1L), Attr.of("end", 2L)}, shaped);
        return g.node("Slice", weight(g, table), g.longs(0), length, g.longs(0));
    }

    private String stack(OnnxGraph g, String input, String keyMask, String prefix) {
        String bias = g.node("Mul", g.node("Sub", keyMask, g.scalar(1f)), g.scalar(Layers.MASK_PENALTY));
        bias = g.node("Unsqueeze", bias, g.longs(1, 2));
        String x = input;
        for (int i = 0; i < dims.layers(); i++) {
            x = layer(g, x, bias, ContraLogNet.layerName(prefix, i));
        }
        return layerNorm(g, x, prefix + ".lnf");
    }

    private String layer(OnnxGraph g, String x, String bias, String name) {
        String attended = g.node("Add", x, linear(g, attention(g, layerNorm(g, x, name + ".ln1"), bias, name),
            name + ".o"));
        String hidden = gelu(g, linear(g, layerNorm(g, attended, name + ".ln2"), name + ".ff1"));
        return g.node("Add", attended, linear(g, hidden, name + ".ff2"));
    }

    private String attention(OnnxGraph g, String h, String bias, String name) {
        String split = g.longs(0, 0, dims.heads(), dims.headDim());
        String q = heads(g, linear(g, h, name + ".q"), split, 0, 2, 1, 3);
        String k = heads(g, linear(g, h, name + ".k"), split, 0, 2, 3, 1);
        String v = heads(g, linear(g, h, name + ".v"), split, 0, 2, 1, 3);
        String scores = g.node("Mul", g.node("MatMul", q, k), g.scalar((float) (1.0 / Math.sqrt(dims.headDim()))));
        String weights = g.node("Softmax", new Attr[] {Attr.of("axis", -1L)}, g.node("Add", scores, bias));
        String mixed = g.node("Transpose", new Attr[] {Attr.of("perm", 0L, 2L, 1L, 3L)},
            g.node("MatMul", weights, v));
        return g.node("Reshape", mixed, g.longs(0, 0, dims.dim()));
    }

    private static String heads(OnnxGraph g, String x, String split, long... perm) {
        return g.node("Transpose", new Attr[] {Attr.of("perm", perm)}, g.node("Reshape", x, split));
    }

    private String linear(OnnxGraph g, String x, String name) {
        return g.node("Add", g.node("MatMul", x, weight(g, name + ".w")), weight(g, name + ".b"));
    }

    private String layerNorm(OnnxGraph g, String x, String name) {
        Attr[] attrs = {Attr.of("axis", -1L), Attr.of("epsilon", Layers.LN_EPSILON)};
        return g.node("LayerNormalization", attrs, x, weight(g, name + ".g"), weight(g, name + ".b"));
    }

    private static String gelu(OnnxGraph g, String x) {
        String erf = g.node("Erf", g.node("Div", x, g.scalar((float) Math.sqrt(2.0))));
        return g.node("Mul", g.node("Mul", x, g.scalar(0.5f)), g.node("Add", erf, g.scalar(1f)));
    }

    private static void l2Normalize(OnnxGraph g, String x, String output) {
        String squared = g.node("ReduceSum", new Attr[] {Attr.of("keepdims", 1L)}, g.node("Mul", x, x),
            g.longs(-1));
        String length = g.node("Sqrt", g.node("Max", squared, g.scalar(Layers.NORM_FLOOR)));
        g.nodeNamed(output, "Div", NONE, x, length);
    }

    private String weight(OnnxGraph g, String name) {
        NDArray array = net.params().get(name);
        return g.floats(name, array.toFloatArray(), array.getShape().getShape());
    }
}
