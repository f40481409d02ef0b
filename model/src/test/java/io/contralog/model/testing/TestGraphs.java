package io.contralog.model.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Small real ONNX graphs with the bundle contract's input and output names, for driving the scorer on ONNX
 * Runtime without a trained model.
 *
 * <p>The message encoder looks up an embedding per token (seeded random, or a table the caller builds),
 * mean-pools over real tokens and L2-normalises. The sequence encoder predicts every position as the
 * normalised sum of the unmasked real messages plus, at masked positions, a fixed mask vector: a message that
 * does not fit its neighbours is far from its prediction.
 */
public final class TestGraphs {

    private static final int FLOAT = TensorProto.DataType.FLOAT.getNumber();
    private static final int INT64 = TensorProto.DataType.INT64.getNumber();

    private TestGraphs() {
    }

    /** Writes a message encoder for {@code vocab} ids producing {@code dim}-wide embeddings. */
    public static void messageEncoder(Path file, int vocab, int dim, long seed) throws IOException {
        messageEncoder(file, vocab, dim, seed, "embedding");
    }

    /** Same, with another output name (to build a graph that breaks the contract). */
    public static void messageEncoder(Path file, int vocab, int dim, long seed, String outputName)
        throws IOException {
        messageEncoder(file, random(vocab * dim, seed), vocab, dim, outputName);
    }

    /** Writes a message encoder with the given token embedding table, row-major [vocab, dim]. */
    public static void messageEncoder(Path file, float[] table, int vocab, int dim, String outputName)
        throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("test_message_encoder");
        g.addInput(value("input_ids", INT64, "batch", "tokens"));
        g.addInput(value("attention_mask", FLOAT, "batch", "tokens"));
        g.addInitializer(floats("table", table, vocab, dim));
        g.addInitializer(longs("axis1", 1));
        g.addInitializer(longs("axis2", 2));
        g.addInitializer(floats("one", new float[] {1f}));
        g.addNode(node("Gather", "tok", "table", "input_ids").addAttribute(intAttr("axis", 0)));
        g.addNode(node("Unsqueeze", "m3", "attention_mask", "axis2"));
        g.addNode(node("Mul", "masked_tok", "tok", "m3"));
        g.addNode(node("ReduceSum", "sum", "masked_tok", "axis1").addAttribute(intAttr("keepdims", 0)));
        g.addNode(node("ReduceSum", "count", "m3", "axis1").addAttribute(intAttr("keepdims", 0)));
        g.addNode(node("Max", "count1", "count", "one"));
        g.addNode(node("Div", "mean", "sum", "count1"));
        g.addNode(node("LpNormalization", outputName, "mean").addAttribute(intAttr("axis", -1))
            .addAttribute(intAttr("p", 2)));
        g.addOutput(value(outputName, FLOAT, "batch", String.valueOf(dim)));
        write(file, g);
    }

    /** Writes a sequence encoder for {@code dim}-wide embeddings. */
    public static void sequenceEncoder(Path file, int dim, long seed) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("test_sequence_encoder");
        g.addInput(value("embeddings", FLOAT, "batch", "length", String.valueOf(dim)));
        g.addInput(value("padding_mask", FLOAT, "batch", "length"));
        g.addInput(value("masked", FLOAT, "batch", "length"));
        g.addInitializer(floats("mask_vector", random(dim, seed), dim));
        g.addInitializer(floats("one", new float[] {1f}));
        g.addInitializer(longs("axis1", 1));
        g.addInitializer(longs("axis2", 2));
        g.addNode(node("Sub", "unmasked", "one", "masked"));
        g.addNode(node("Mul", "keep", "padding_mask", "unmasked"));
        g.addNode(node("Unsqueeze", "keep3", "keep", "axis2"));
        g.addNode(node("Mul", "kept", "embeddings", "keep3"));
        g.addNode(node("ReduceSum", "context", "kept", "axis1").addAttribute(intAttr("keepdims", 1)));
        g.addNode(node("Unsqueeze", "masked3", "masked", "axis2"));
        g.addNode(node("Mul", "mask_term", "masked3", "mask_vector"));
        g.addNode(node("Add", "raw", "context", "mask_term"));
        g.addNode(node("LpNormalization", "predicted", "raw").addAttribute(intAttr("axis", -1))
            .addAttribute(intAttr("p", 2)));
        g.addOutput(value("predicted", FLOAT, "batch", "length", String.valueOf(dim)));
        write(file, g);
    }

    private static void write(Path file, GraphProto.Builder graph) throws IOException {
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setProducerName("contralog-test")
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
            .setGraph(graph).build();
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
    }

    private static NodeProto.Builder node(String op, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output + "_node").addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n;
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value)
            .build();
    }

    private static ValueInfoProto value(String name, int type, String... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d.chars().allMatch(Character::isDigit)) {
                dim.setDimValue(Long.parseLong(d));
            } else {
                dim.setDimParam(d);
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }

    private static TensorProto floats(String name, float[] data, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT);
        for (long d : dims) {
            t.addDims(d);
        }
        if (dims.length == 0) {
            t.addDims(data.length);
        }
        for (float f : data) {
            t.addFloatData(f);
        }
        return t.build();
    }

    private static TensorProto longs(String name, long... data) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(INT64).addDims(data.length);
        for (long v : data) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    /** Seeded standard normal values. */
    public static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) r.nextGaussian();
        }
        return out;
    }
}
