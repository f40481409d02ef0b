package io.contralog.model.score;

/**
 * How ONNX Runtime runs the encoders and how much the scorer caches.
 *
 * @param provider   {@code cpu} or {@code cuda}; CUDA falls back to the CPU with one log line when unavailable
 * @param threads    intra-op threads per ONNX session (1 leaves the other core to the application)
 * @param cacheSize  texts whose embedding and nearest normal message are cached (0 turns caching off)
 * @param maskPasses interleaved masking passes per sequence; 0 uses the bundle's setting, and
 *                   {@link #EXACT} masks one message per pass
 * @param batchSize  rows per ONNX Runtime call
 */
public record ScorerOptions(String provider, int threads, int cacheSize, int maskPasses, int batchSize) {

    /** Mask passes value meaning one pass per message. */
    public static final int EXACT = Integer.MAX_VALUE;

    /** Checks the values. */
    public ScorerOptions {
        provider = provider == null ? "cpu" : provider.toLowerCase(java.util.Locale.ROOT);
        if (!provider.equals("cpu") && !provider.equals("cuda")) {
            throw new IllegalArgumentException("provider '" + provider + "' is unknown; use cpu or cuda");
        }
        if (threads < 1 || cacheSize < 0 || maskPasses < 0 || batchSize < 1) {
            throw new IllegalArgumentException("scorer options out of range: threads >= 1, cacheSize >= 0,"
                + " maskPasses >= 0, batchSize >= 1");
        }
    }

    /** CPU, one thread, 100,000 cached texts, the bundle's masking, batches of 64. */
    public static ScorerOptions defaults() {
        return new ScorerOptions("cpu", 1, 100_000, 0, 64);
    }

    /** Returns a copy with another provider. */
    public ScorerOptions withProvider(String newProvider) {
        return new ScorerOptions(newProvider, threads, cacheSize, maskPasses, batchSize);
    }

    /** Returns a copy with another number of masking passes ({@link #EXACT} for one pass per message). */
    public ScorerOptions withMaskPasses(int passes) {
        return new ScorerOptions(provider, threads, cacheSize, passes, batchSize);
    }

    /** Returns a copy with another cache size. */
    public ScorerOptions withCacheSize(int size) {
        return new ScorerOptions(provider, threads, size, maskPasses, batchSize);
    }

    /** Returns a copy with another number of threads. */
    public ScorerOptions withThreads(int n) {
        return new ScorerOptions(provider, n, cacheSize, maskPasses, batchSize);
    }
}
