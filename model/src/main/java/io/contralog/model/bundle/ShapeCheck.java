package io.contralog.model.bundle;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks that both encoders have the input and output names, types and widths of the bundle contract and agree
 * with the manifest's dimensions, declared and as actually produced on a one-row probe.
 */
final class ShapeCheck {

    private ShapeCheck() {
    }

    static void messageEncoder(OrtSession session, Path file, Dims dims) throws BundleException {
        try {
            expect(session.getInputInfo(), "input", "input_ids", OnnxJavaType.INT64, 2, -1, file);
            expect(session.getInputInfo(), "input", "attention_mask", OnnxJavaType.FLOAT, 2, -1, file);
            expect(session.getOutputInfo(), "output", "embedding", OnnxJavaType.FLOAT, 2, dims.dim(), file);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            long[] shape = {1, 2};
            try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {1, 1}), shape);
                 OnnxTensor mask = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1, 1}), shape);
                 OrtSession.Result r = session.run(Map.of("input_ids", ids, "attention_mask", mask))) {
                probed(r, "embedding", new long[] {1, dims.dim()}, file);
            }
        } catch (OrtException e) {
            throw new BundleException(file, "ONNX Runtime cannot run it: " + e.getMessage(), e);
        }
    }

    static void sequenceEncoder(OrtSession session, Path file, Dims dims) throws BundleException {
        try {
            expect(session.getInputInfo(), "input", "embeddings", OnnxJavaType.FLOAT, 3, dims.dim(), file);
            expect(session.getInputInfo(), "input", "padding_mask", OnnxJavaType.FLOAT, 2, -1, file);
            expect(session.getInputInfo(), "input", "masked", OnnxJavaType.FLOAT, 2, -1, file);
            expect(session.getOutputInfo(), "output", "predicted", OnnxJavaType.FLOAT, 3, dims.dim(), file);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            float[] emb = new float[2 * dims.dim()];
            emb[0] = 1;
            emb[dims.dim()] = 1;
            try (OnnxTensor e = OnnxTensor.createTensor(env, FloatBuffer.wrap(emb), new long[] {1, 2, dims.dim()});
                 OnnxTensor p = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1, 1}), new long[] {1, 2});
                 OnnxTensor m = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1, 0}), new long[] {1, 2});
                 OrtSession.Result r = session.run(Map.of("embeddings", e, "padding_mask", p, "masked", m))) {
                probed(r, "predicted", new long[] {1, 2, dims.dim()}, file);
            }
        } catch (OrtException e) {
            throw new BundleException(file, "ONNX Runtime cannot run it: " + e.getMessage(), e);
        }
    }

    private static void expect(Map<String, NodeInfo> infos, String kind, String name, OnnxJavaType type, int rank,
                               int lastDim, Path file) throws BundleException {
        NodeInfo info = infos.get(name);
        if (info == null || !(info.getInfo() instanceof TensorInfo tensor)) {
            throw new BundleException(file, "has no tensor " + kind + " '" + name + "' (it has " + infos.keySet()
                + "); it was not exported for this scorer");
        }
        long[] shape = tensor.getShape();
        if (tensor.type != type || shape.length != rank) {
            throw new BundleException(file, kind + " '" + name + "' is " + tensor.type + " " + Arrays.toString(shape)
                + " but must be " + type + " of rank " + rank);
        }
        long last = shape[rank - 1];
        if (lastDim > 0 && last > 0 && last != lastDim) {
            throw new BundleException(file, "shape mismatch: " + kind + " '" + name + "' has width " + last
                + " but the manifest's dims.dim is " + lastDim);
        }
    }

    private static void probed(OrtSession.Result result, String name, long[] expected, Path file)
        throws OrtException, BundleException {
        long[] actual = ((OnnxTensor) result.get(name).orElseThrow()).getInfo().getShape();
        if (!Arrays.equals(actual, expected)) {
            throw new BundleException(file, "shape mismatch: a probe gave '" + name + "' of shape "
                + Arrays.toString(actual) + " where the manifest's dims give " + Arrays.toString(expected));
        }
    }
}
