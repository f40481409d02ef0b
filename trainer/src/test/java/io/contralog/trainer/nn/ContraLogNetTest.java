package io.contralog.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ContraLogNetTest {

    private static final ModelDims DIMS = new ModelDims(16, 32, 1, 2, 8, 6, 50);

    @Test
    void messageEmbeddingsAreUnitLengthAndIgnorePadding() {
        try (NDManager manager = NDManager.newBaseManager(); ContraLogNet net = new ContraLogNet(manager, DIMS, 1)) {
            NDArray ids = manager.create(new long[] {5, 6, 7, 0, 0, 5, 6, 7, 9, 9}, new Shape(2, 5));
            NDArray mask = manager.create(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 0, 0}, new Shape(2, 5));
            float[] out = net.encodeMessages(ids, mask).toFloatArray();

            float norm = 0;
            for (int i = 0; i < 16; i++) {
                norm += out[i] * out[i];
                assertThat(out[i]).isCloseTo(out[16 + i], within(1e-5f));
            }
            assertThat(norm).isCloseTo(1f, within(1e-4f));
        }
    }

    @Test
    void sequencePredictionsHaveOneUnitVectorPerPosition() {
        try (NDManager manager = NDManager.newBaseManager(); ContraLogNet net = new ContraLogNet(manager, DIMS, 1)) {
            NDArray emb = manager.randomNormal(new Shape(3, 4, 16));
            NDArray padding = manager.ones(new Shape(3, 4));
            NDArray masked = manager.zeros(new Shape(3, 4));
            NDArray out = net.encodeSequences(emb, padding, masked);

            assertThat(out.getShape()).isEqualTo(new Shape(3, 4, 16));
            for (float v : out.square().sum(new int[] {-1}).toFloatArray()) {
                assertThat(v).isCloseTo(1f, within(1e-4f));
            }
        }
    }

    @Test
    void sameSeedGivesSameInitialWeights() {
        try (NDManager manager = NDManager.newBaseManager();
             ContraLogNet a = new ContraLogNet(manager, DIMS, 7);
             ContraLogNet b = new ContraLogNet(manager, DIMS, 7)) {
            assertThat(a.params().snapshot().get("seq.l0.q.w")).containsExactly(
                b.params().snapshot().get("seq.l0.q.w"));
        }
    }

    @Test
    void restoreBringsBackASnapshot() {
        try (NDManager manager = NDManager.newBaseManager(); ContraLogNet net = new ContraLogNet(manager, DIMS, 3)) {
            java.util.Map<String, float[]> before = net.params().snapshot();
            java.util.Map<String, float[]> changed = new java.util.LinkedHashMap<>();
            before.forEach((name, values) -> {
                float[] copy = values.clone();
                copy[0] += 1f;
                changed.put(name, copy);
            });
            net.params().restore(changed);
            assertThat(net.params().snapshot().get("msg.l0.ff1.w")[0]).isEqualTo(before.get("msg.l0.ff1.w")[0] + 1f);

            net.params().restore(before);
            before.forEach((name, values) -> assertThat(net.params().snapshot().get(name)).containsExactly(values));
        }
    }
}
