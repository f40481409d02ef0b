package io.contralog.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Keeps the training engine offline (no model-zoo downloads, no usage tracking) and single-threaded by default.
 *
 * <p>Implementation notes: the engine's own thread pool spin-waits; on a small machine shared with other work
 * two intra-op threads measured 20 times slower than one for the small presets, so one thread is the default
 * and {@link #threads(int)} raises it for a dedicated machine. Reproducibility also needs a fixed thread count.
 */
public final class DjlRuntime {

    private DjlRuntime() {
    }

    /** Sets the offline properties unless the user set them; call before the first engine class loads. */
    public static void offline() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** Sets the engine's intra-op thread count; call before the first engine class loads. */
    public static void threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, was " + count);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(count));
    }

    /**
     * Applies the configured intra-op thread count to an engine that is already running, because something
     * else (a test, an embedding application) may have started it before {@link #offline()} was called.
     */
    public static void applyThreads() {
        Engine.getInstance();
        int wanted = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "1"));
        if (JniUtils.getNumThreads() != wanted) {
            JniUtils.setNumThreads(wanted);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
