package io.contralog.model.score;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.contralog.model.bundle.ReferenceSet;
import io.contralog.model.tokenize.BpeTokenizer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the two encoders on ONNX Runtime and computes the per-message scores of sequences of canonical texts.
 *
 * <p>Implementation notes: each distinct text is embedded once and cached with its nearest normal message.
 * Texts to embed are grouped by token count, so no batch carries padding and a text's embedding depends on
 * the other texts of its batch only through float rounding: cached and uncached results agree to about 3e-7.
 * The in-context score masks positions in {@code k} interleaved passes: pass {@code r} masks every position
 * {@code i} with {@code i mod k == r}, so every message is scored once with its immediate neighbours visible,
 * at {@code k} sequence-encoder rows per sequence instead of one per message; {@code k} at least the sequence
 * length is the exact one-per-message schedule. Sequences longer than the model's maximum are scored in
 * consecutive chunks. Thread-safe: ONNX Runtime sessions allow concurrent runs and the cache is locked.
 */
public final class OnnxScorer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxScorer.class);

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession messageEncoder;
    private final OrtSession sequenceEncoder;
    private final BpeTokenizer tokenizer;
    private final NearestGraph nearestNormal;
    private final int dim;
    private final int maxMessages;
    private final int maskPasses;
    private final int batchSize;
    private final TextCache cache;
    private final String provider;
    private final ScoringTimes times = new ScoringTimes();
    private final LongAdder encodedRows = new LongAdder();

    private OnnxScorer(Path messageFile, Path sequenceFile, BpeTokenizer tokenizer, ReferenceSet reference,
                       int dim, int maxMessages, int bundleMaskPasses, ScorerOptions options) throws OrtException {
        this.tokenizer = tokenizer;
        this.dim = dim;
        this.maxMessages = maxMessages;
        int passes = options.maskPasses() > 0 ? options.maskPasses() : bundleMaskPasses;
        this.maskPasses = passes > 0 ? passes : ScorerOptions.EXACT;
        this.batchSize = options.batchSize();
        this.cache = new TextCache(options.cacheSize());
        SessionFactory factory = new SessionFactory(env, options);
        this.messageEncoder = factory.open(messageFile);
        OrtSession seq;
        try {
            seq = factory.open(sequenceFile);
        } catch (OrtException | RuntimeException e) {
            messageEncoder.close();
            throw e;
        }
        this.sequenceEncoder = seq;
        this.provider = factory.effectiveProvider();
        this.nearestNormal = openNearest(reference, options);
    }

    /**
     * Opens both encoders. {@code reference} may be null while a bundle is being written (every context-free
     * score is then 1); {@code bundleMaskPasses} is the manifest's schedule, used unless the options override it.
     */
    public static OnnxScorer open(Path messageEncoderFile, Path sequenceEncoderFile, BpeTokenizer tokenizer,
                                  ReferenceSet reference, int dim, int maxMessages, int bundleMaskPasses,
                                  ScorerOptions options) throws OrtException {
        return new OnnxScorer(messageEncoderFile, sequenceEncoderFile, tokenizer, reference, dim, maxMessages,
            bundleMaskPasses, options);
    }

    /** Scores every message of every sequence with this scorer's masking schedule. */
    public RawScores score(List<List<String>> sequences) throws OrtException {
        return score(sequences, maskPasses);
    }

    /** Scores with {@code passes} interleaved masking passes ({@link ScorerOptions#EXACT} for one per message). */
    public RawScores score(List<List<String>> sequences, int passes) throws OrtException {
        int n = sequences.size();
        float[][] inContext = new float[n][];
        float[][] contextFree = new float[n][];
        int[][] nearest = new int[n][];
        float[][][] embeddings = new float[n][][];
        List<String> all = new ArrayList<>();
        sequences.forEach(all::addAll);
        TextCache.Entry[] entries = lookup(all);
        int at = 0;
        for (int s = 0; s < n; s++) {
            int len = sequences.get(s).size();
            inContext[s] = new float[len];
            contextFree[s] = new float[len];
            nearest[s] = new int[len];
            embeddings[s] = new float[len][];
            for (int i = 0; i < len; i++, at++) {
                embeddings[s][i] = entries[at].embedding();
                contextFree[s][i] = entries[at].contextFree();
                nearest[s][i] = entries[at].nearest();
            }
        }
        long t0 = System.nanoTime();
        new MaskedPasses(this, embeddings, inContext, Math.max(1, passes)).run();
        times.addSequenceEncoder(System.nanoTime() - t0);
        return new RawScores(inContext, contextFree, nearest);
    }

    /** The L2-normalised embedding of each text, from the cache where possible (copies, free to change). */
    public float[][] embed(List<String> texts) throws OrtException {
        TextCache.Entry[] entries = lookup(texts);
        float[][] out = new float[entries.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = entries[i].embedding().clone();
        }
        return out;
    }

    /** Embeds texts with the message encoder, bypassing the cache. */
    public float[][] embedUncached(List<String> texts) throws OrtException {
        long t0 = System.nanoTime();
        int[][] tokens = new int[texts.size()][];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = tokenizer.encode(texts.get(i));
        }
        times.addText(System.nanoTime() - t0);
        return embedTokens(tokens);
    }

    /** Rows the message encoder has embedded so far: each distinct token sequence of a batch that missed the cache. */
    public long encodedRows() {
        return encodedRows.sum();
    }

    private float[][] embedTokens(int[][] tokens) throws OrtException {
        long t0 = System.nanoTime();
        Integer[] order = new Integer[tokens.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> tokens[i].length));
        float[][] out = new float[tokens.length][];
        for (int from = 0; from < order.length; ) {
            int len = tokens[order[from]].length;
            int to = from + 1;
            while (to < order.length && to - from < batchSize && tokens[order[to]].length == len) {
                to++;
            }
            runMessageBatch(tokens, order, from, to, out);
            from = to;
        }
        encodedRows.add(tokens.length);
        times.addMessageEncoder(System.nanoTime() - t0);
        return out;
    }

    /** Width of the embeddings. */
    public int dim() {
        return dim;
    }

    /** Longest sequence the sequence encoder takes in one row. */
    public int maxMessages() {
        return maxMessages;
    }

    /** Interleaved masking passes in use ({@link ScorerOptions#EXACT} for one per message). */
    public int maskPasses() {
        return maskPasses;
    }

    /** The execution provider actually in use: {@code cuda}, or {@code cpu} (also after a fallback). */
    public String effectiveProvider() {
        return provider;
    }

    /** The message encoder's session, for callers that check its inputs and outputs. */
    public OrtSession messageEncoder() {
        return messageEncoder;
    }

    /** The sequence encoder's session, for callers that check its inputs and outputs. */
    public OrtSession sequenceEncoder() {
        return sequenceEncoder;
    }

    /** Where this scorer's time has gone since it was opened. */
    public ScoringTimes times() {
        return times;
    }

    /** Texts served from the cache so far. */
    public long cacheHits() {
        return cache.hits();
    }

    /** Texts that had to be embedded so far. */
    public long cacheMisses() {
        return cache.misses();
    }

    @Override
    public void close() throws OrtException {
        try {
            messageEncoder.close();
        } finally {
            try {
                sequenceEncoder.close();
            } finally {
                if (nearestNormal != null) {
                    nearestNormal.close();
                }
            }
        }
    }

    OrtEnvironment env() {
        return env;
    }

    int batchSize() {
        return batchSize;
    }

    private TextCache.Entry[] lookup(List<String> texts) throws OrtException {
        long t0 = System.nanoTime();
        TextCache.Entry[] out = new TextCache.Entry[texts.size()];
        Map<String, List<Integer>> missing = new HashMap<>();
        Map<String, int[]> missingTokens = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            int[] tokens = tokenizer.encode(texts.get(i));
            String key = TokenKey.of(tokens);
            out[i] = cache.get(key);
            if (out[i] == null) {
                missing.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
                missingTokens.putIfAbsent(key, tokens);
            }
        }
        times.addText(System.nanoTime() - t0);
        if (missing.isEmpty()) {
            return out;
        }
        List<String> distinct = new ArrayList<>(missing.keySet());
        int[][] tokens = new int[distinct.size()][];
        for (int d = 0; d < tokens.length; d++) {
            tokens[d] = missingTokens.get(distinct.get(d));
        }
        float[][] vectors = embedTokens(tokens);
        int[] near = new int[vectors.length];
        float[] free = new float[vectors.length];
        if (nearestNormal == null) {
            Arrays.fill(near, -1);
            Arrays.fill(free, 1f);
        } else {
            long t1 = System.nanoTime();
            nearestNormal.search(vectors, near, free);
            times.addNearest(System.nanoTime() - t1);
        }
        for (int d = 0; d < vectors.length; d++) {
            TextCache.Entry entry = new TextCache.Entry(vectors[d], near[d], free[d]);
            cache.put(distinct.get(d), entry);
            for (int i : missing.get(distinct.get(d))) {
                out[i] = entry;
            }
        }
        return out;
    }

    private void runMessageBatch(int[][] tokens, Integer[] order, int from, int to, float[][] out)
        throws OrtException {
        int rows = to - from;
        int width = 1;
        for (int r = from; r < to; r++) {
            width = Math.max(width, tokens[order[r]].length);
        }
        long[] ids = new long[rows * width];
        float[] mask = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            int[] t = tokens[order[from + r]];
            for (int j = 0; j < t.length; j++) {
                ids[r * width + j] = t[j];
                mask[r * width + j] = 1f;
            }
        }
        long[] shape = {rows, width};
        try (OnnxTensor idsT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor maskT = OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), shape);
             OrtSession.Result result = messageEncoder.run(Map.of("input_ids", idsT, "attention_mask", maskT))) {
            FloatBuffer emb = ((OnnxTensor) result.get("embedding").orElseThrow()).getFloatBuffer();
            for (int r = 0; r < rows; r++) {
                float[] v = new float[dim];
                emb.get(r * dim, v);
                out[order[from + r]] = v;
            }
        }
    }

    private NearestGraph openNearest(ReferenceSet reference, ScorerOptions options) throws OrtException {
        if (reference == null || reference.size() == 0) {
            return null;
        }
        try {
            return new NearestGraph(env, reference, options.threads());
        } catch (OrtException | RuntimeException e) {
            messageEncoder.close();
            sequenceEncoder.close();
            throw e;
        }
    }

    /** Opens sessions with the requested provider, falling back to the CPU once with one log line. */
    private static final class SessionFactory {
        private final OrtEnvironment env;
        private final ScorerOptions options;
        private boolean useCuda;

        SessionFactory(OrtEnvironment env, ScorerOptions options) {
            this.env = env;
            this.options = options;
            this.useCuda = options.provider().equals("cuda");
        }

        OrtSession open(Path file) throws OrtException {
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setIntraOpNumThreads(options.threads());
                so.setInterOpNumThreads(1);
                so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                if (useCuda) {
                    tryCuda(so);
                }
                return env.createSession(file.toString(), so);
            } catch (OrtException e) {
                throw new OrtException(e.getCode(), file + ": " + e.getMessage());
            }
        }

        private void tryCuda(OrtSession.SessionOptions so) {
            try {
                so.addCUDA(0);
            } catch (OrtException | RuntimeException | LinkageError e) {
                useCuda = false;
                LOG.warn("CUDA execution provider is not available ({}); scoring on the CPU instead. Install the"
                    + " onnxruntime_gpu build and the CUDA/cuDNN libraries it needs to use the GPU.",
                    e.getMessage());
            }
        }

        String effectiveProvider() {
            return useCuda ? "cuda" : "cpu";
        }
    }
}
