package io.contralog.trainer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A small builder of ONNX graphs on the ONNX protobuf classes, stamped with opset 17.
 *
 * <p>Implementation notes: the operators are named by their ONNX op type directly rather than through a fixed
 * enumeration, because the encoders need several (MatMul, Reshape, Transpose, LayerNormalization, Erf, Shape)
 * that older helper tables lack. Dimensions given as strings become dynamic axes.
 */
public final class OnnxGraph {

    /** The operator set version every exported graph declares. */
    public static final int OPSET = 17;
    private static final int IR_VERSION = 8;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int counter;

    /** Starts an empty graph with the given name. */
    public OnnxGraph(String name) {
        graph.setName(name);
    }

    /** Declares a graph input; each dimension is a Long (fixed) or a String (named dynamic axis). */
    public String input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    /** Declares a graph output produced by an earlier node. */
    public void output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** Adds a float32 constant. */
    public String floats(String name, float[] values, long... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return initializer(name, TensorProto.DataType.FLOAT, buffer, dims);
    }

    /** Adds a float32 scalar constant. */
    public String scalar(float value) {
        return floats(fresh("const"), new float[] {value});
    }

    /** Adds a 1-D int64 constant. */
    public String longs(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return initializer(fresh("const"), TensorProto.DataType.INT64, buffer, values.length);
    }

    /** Adds a node with one output and returns that output's name. */
    public String node(String opType, Attr[] attrs, String... inputs) {
        return nodeNamed(fresh(opType), opType, attrs, inputs);
    }

    /** Adds a node without attributes. */
    public String node(String opType, String... inputs) {
        return node(opType, new Attr[0], inputs);
    }

    /** Adds a node whose single output carries a chosen name. */
    public String nodeNamed(String output, String opType, Attr[] attrs, String... inputs) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(output + "_node").addOutput(output);
        for (String in : inputs) {
            node.addInput(in);
        }
        for (Attr attr : attrs) {
            node.addAttribute(attr.proto());
        }
        graph.addNode(node);
        return output;
    }

    /** Returns the finished model. */
    public ModelProto build() {
        return ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .setProducerName("contralog-trainer")
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setGraph(graph)
            .build();
    }

    private String initializer(String name, TensorProto.DataType type, ByteBuffer data, long... dims) {
        data.rewind();
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
            .setRawData(ByteString.copyFrom(data));
        for (long d : dims) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private String fresh(String stem) {
        return stem + "_" + counter++;
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /** One node attribute: an int, a float or a list of ints. */
    public record Attr(String name, Object value) {

        /** An integer attribute. */
        public static Attr of(String name, long value) {
            return new Attr(name, value);
        }

        /** A float attribute. */
        public static Attr of(String name, float value) {
            return new Attr(name, value);
        }

        /** A list-of-ints attribute. */
        public static Attr of(String name, long... values) {
            return new Attr(name, values);
        }

        AttributeProto proto() {
            AttributeProto.Builder attr = AttributeProto.newBuilder().setName(name);
            if (value instanceof Long l) {
                attr.setType(AttributeProto.AttributeType.INT).setI(l);
            } else if (value instanceof Float f) {
                attr.setType(AttributeProto.AttributeType.FLOAT).setF(f);
            } else {
                attr.setType(AttributeProto.AttributeType.INTS);
                for (long v : (long[]) value) {
                    attr.addInts(v);
                }
            }
            return attr.build();
        }
    }
}
