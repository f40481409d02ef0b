package io.contralog.trainer.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.contralog.trainer.nn.ContraLogNet;
import io.contralog.trainer.nn.ModelDims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OnnxParityTest {

    private static final ModelDims DIMS = new ModelDims(32, 64, 2, 4, 16, 12, 300);
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @Test
    void onnxRuntimeReproducesBothEncodersOnNewPaddedShapes() throws Exception {
        Random random = new Random(42);
        try (NDManager manager = NDManager.newBaseManager(); ContraLogNet net = new ContraLogNet(manager, DIMS, 3);
             OrtEnvironment env = OrtEnvironment.getEnvironment()) {
            perturbAll(net, random);
            new OnnxExporter(net).writeTo(dir);
            try (OrtSession messages = env.createSession(dir.resolve(OnnxExporter.MESSAGE_ENCODER).toString());
                 OrtSession sequences = env.createSession(dir.resolve(OnnxExporter.SEQUENCE_ENCODER).toString())) {
                for (int[] shape : new int[][] {{3, 7}, {5, 16}, {1, 2}}) {
                    assertMessageParity(manager, net, env, messages, random, shape[0], shape[1]);
                }
                for (int[] shape : new int[][] {{2, 9}, {4, 12}, {1, 1}}) {
                    assertSequenceParity(manager, net, env, sequences, random, shape[0], shape[1]);
                }
            }
        }
    }

    /** Moves every weight away from its initial value, so layer norms and biases are exercised too. */
    private static void perturbAll(ContraLogNet net, Random random) {
        net.params().all().forEach((name, array) -> {
            float[] values = array.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                values[i] += (float) (random.nextGaussian() * 0.1);
            }
            try (NDArray replacement = array.getManager().create(values, array.getShape())) {
                array.set(replacement.toByteBuffer());
            }
        });
    }

    private static void assertMessageParity(NDManager manager, ContraLogNet net, OrtEnvironment env,
            OrtSession session, Random random, int batch, int tokens) throws Exception {
        long[] ids = new long[batch * tokens];
        float[] mask = new float[batch * tokens];
        for (int b = 0; b < batch; b++) {
            int real = 1 + random.nextInt(tokens);
            for (int t = 0; t < real; t++) {
                ids[b * tokens + t] = 1 + random.nextInt(DIMS.vocabSize() - 1);
                mask[b * tokens + t] = 1;
            }
        }
        float[] expected;
        try (NDManager step = manager.newSubManager()) {
            expected = net.encodeMessages(step.create(ids, new Shape(batch, tokens)),
                step.create(mask, new Shape(batch, tokens))).toFloatArray();
        }
        long[] shape = {batch, tokens};
        try (OnnxTensor idT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor maskT = OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", idT, "attention_mask", maskT))) {
            assertClose(flatten(result), expected);
        }
    }

    private static void assertSequenceParity(NDManager manager, ContraLogNet net, OrtEnvironment env,
            OrtSession session, Random random, int batch, int length) throws Exception {
        int dim = DIMS.dim();
        float[] emb = new float[batch * length * dim];
        for (int i = 0; i < emb.length; i++) {
            emb[i] = (float) random.nextGaussian() * 0.2f;
        }
        float[] padding = new float[batch * length];
        float[] masked = new float[batch * length];
        for (int b = 0; b < batch; b++) {
            int real = 1 + random.nextInt(length);
            for (int t = 0; t < real; t++) {
                padding[b * length + t] = 1;
                masked[b * length + t] = random.nextInt(4) == 0 ? 1 : 0;
            }
        }
        float[] expected;
        try (NDManager step = manager.newSubManager()) {
            expected = net.encodeSequences(step.create(emb, new Shape(batch, length, dim)),
                step.create(padding, new Shape(batch, length)), step.create(masked, new Shape(batch, length)))
                .toFloatArray();
        }
        long[] shape = {batch, length};
        try (OnnxTensor embT = OnnxTensor.createTensor(env, FloatBuffer.wrap(emb), new long[] {batch, length, dim});
             OnnxTensor padT = OnnxTensor.createTensor(env, FloatBuffer.wrap(padding), shape);
             OnnxTensor maskT = OnnxTensor.createTensor(env, FloatBuffer.wrap(masked), shape);
             OrtSession.Result result = session.run(Map.of("embeddings", embT, "padding_mask", padT,
                 "masked", maskT))) {
            assertClose(flatten(result), expected);
        }
    }

    private static float[] flatten(OrtSession.Result result) {
        FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).as("max abs difference between ONNX Runtime and DJL").isLessThan(TOLERANCE);
    }
}
