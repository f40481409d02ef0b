package io.contralog.model.score;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs the sequence encoder over every (chunk, pass) row of a batch of sequences and fills the in-context scores.
 *
 * <p>Rows are grouped by chunk length, so no call carries padding and a sequence's scores depend on the
 * sequences scored with it only through float rounding: the agent's batches and an evaluation's agree.
 */
final class MaskedPasses {

    /** A stretch of at most maxMessages positions of one sequence, with one masking pass over it. */
    private record Row(int seq, int start, int length, int pass, int passes) {
        boolean masks(int i) {
            return i % passes == pass;
        }
    }

    private final OnnxScorer scorer;
    private final float[][][] embeddings;
    private final float[][] inContext;
    private final int passes;

    MaskedPasses(OnnxScorer scorer, float[][][] embeddings, float[][] inContext, int passes) {
        this.scorer = scorer;
        this.embeddings = embeddings;
        this.inContext = inContext;
        this.passes = passes;
    }

    void run() throws OrtException {
        List<Row> rows = rows();
        int batch = scorer.batchSize();
        for (int from = 0; from < rows.size(); ) {
            int length = rows.get(from).length();
            int to = from + 1;
            while (to < rows.size() && to - from < batch && rows.get(to).length() == length) {
                to++;
            }
            runBatch(rows.subList(from, to));
            from = to;
        }
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        int max = scorer.maxMessages();
        for (int s = 0; s < embeddings.length; s++) {
            for (int start = 0; start < embeddings[s].length; start += max) {
                int length = Math.min(max, embeddings[s].length - start);
                int k = Math.min(passes, length);
                for (int r = 0; r < k; r++) {
                    rows.add(new Row(s, start, length, r, k));
                }
            }
        }
        rows.sort(Comparator.comparingInt(Row::length).reversed());
        return rows;
    }

    private void runBatch(List<Row> rows) throws OrtException {
        int dim = scorer.dim();
        int width = rows.get(0).length();
        int n = rows.size();
        float[] emb = new float[n * width * dim];
        float[] padding = new float[n * width];
        float[] masked = new float[n * width];
        for (int b = 0; b < n; b++) {
            Row row = rows.get(b);
            for (int i = 0; i < row.length(); i++) {
                System.arraycopy(embeddings[row.seq()][row.start() + i], 0, emb, (b * width + i) * dim, dim);
                padding[b * width + i] = 1f;
                masked[b * width + i] = row.masks(i) ? 1f : 0f;
            }
        }
        var env = scorer.env();
        try (OnnxTensor embT = OnnxTensor.createTensor(env, FloatBuffer.wrap(emb), new long[] {n, width, dim});
             OnnxTensor padT = OnnxTensor.createTensor(env, FloatBuffer.wrap(padding), new long[] {n, width});
             OnnxTensor maskT = OnnxTensor.createTensor(env, FloatBuffer.wrap(masked), new long[] {n, width});
             OrtSession.Result result = scorer.sequenceEncoder().run(
                 Map.of("embeddings", embT, "padding_mask", padT, "masked", maskT))) {
            FloatBuffer predicted = ((OnnxTensor) result.get("predicted").orElseThrow()).getFloatBuffer();
            collect(rows, predicted, width, dim);
        }
    }

    private void collect(List<Row> rows, FloatBuffer predicted, int width, int dim) {
        float[] p = new float[dim];
        for (int b = 0; b < rows.size(); b++) {
            Row row = rows.get(b);
            for (int i = row.pass(); i < row.length(); i += row.passes()) {
                predicted.get((b * width + i) * dim, p);
                float[] actual = embeddings[row.seq()][row.start() + i];
                float dot = 0;
                for (int d = 0; d < dim; d++) {
                    dot += p[d] * actual[d];
                }
                inContext[row.seq()][row.start() + i] = 1f - dot;
            }
        }
    }
}
