package io.contralog.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The named weights of a model, in creation order, each a float32 array that records gradients.
 *
 * <p>Implementation notes: weights are drawn from {@link java.util.Random} rather than the engine's generator so
 * that the same seed gives bit-identical initial weights on every engine build. Matrices are stored as
 * [in, out], so {@code x.matMul(w)} is the forward pass and the ONNX export needs no transposition.
 */
public final class Params implements AutoCloseable {

    private static final double INIT_STD = 0.02;

    private final NDManager manager;
    private final Random random;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    /** Creates an empty store whose random initial values derive from {@code seed}. */
    public Params(NDManager manager, long seed) {
        this.manager = manager;
        this.random = new Random(seed);
    }

    /** Adds a weight drawn from N(0, 0.02). */
    public NDArray normal(String name, long... shape) {
        return normalWithStd(name, INIT_STD, shape);
    }

    /** Adds a weight drawn from N(0, std). */
    public NDArray normalWithStd(String name, double std, long... shape) {
        float[] values = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return add(name, values, shape);
    }

    /** Adds a weight filled with one value. */
    public NDArray constant(String name, float value, long... shape) {
        float[] values = new float[(int) new Shape(shape).size()];
        java.util.Arrays.fill(values, value);
        return add(name, values, shape);
    }

    /** Adds a weight with the given values. */
    public NDArray add(String name, float[] values, long... shape) {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter " + name);
        }
        NDArray array = manager.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        arrays.put(name, array);
        return array;
    }

    /** Returns a weight by name. */
    public NDArray get(String name) {
        NDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return array;
    }

    /** All weights by name, in creation order. */
    public Map<String, NDArray> all() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Copies every weight's values out, for early-stopping snapshots and tests. */
    public Map<String, float[]> snapshot() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        arrays.forEach((name, array) -> copy.put(name, array.toFloatArray()));
        return copy;
    }

    /** Overwrites every weight with values from {@link #snapshot()}. */
    public void restore(Map<String, float[]> values) {
        arrays.forEach((name, array) -> {
            float[] v = values.get(name);
            try (NDArray source = manager.create(v, array.getShape())) {
                array.set(source.toByteBuffer());
            }
        });
    }

    /** Total number of scalar weights. */
    public long count() {
        return arrays.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    @Override
    public void close() {
        arrays.values().forEach(NDArray::close);
        arrays.clear();
    }
}
