package io.contralog.model.score;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.contralog.model.bundle.ReferenceSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Nearest-normal search as one ONNX graph, {@code ArgMax(MatMul(query, referenceᵀ))}, built in memory from the
 * reference set and run on ONNX Runtime.
 *
 * <p>Implementation notes: ONNX Runtime's matrix product runs one to two orders of magnitude faster than a
 * scalar Java loop, which matters because log lines with ids and numbers rarely repeat exactly, so most lines
 * miss the text cache and need a search. Queries go in blocks small enough that the [block, references]
 * similarity matrix stays near 16 MiB. The distance to the winner is recomputed in Java from the two vectors.
 */
final class NearestGraph implements AutoCloseable {

    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int ATTR_INT = 2;
    private static final long SIMILARITY_BUDGET = 4L << 20;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final float[] refs;
    private final int dim;
    private final int block;

    NearestGraph(OrtEnvironment env, ReferenceSet reference, int threads) throws OrtException {
        this.env = env;
        this.refs = reference.vectors();
        this.dim = reference.dim();
        this.block = (int) Math.max(1, Math.min(512, SIMILARITY_BUDGET / Math.max(1, reference.size())));
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            this.session = env.createSession(model(reference), so);
        }
    }

    /** Fills {@code nearest} and {@code distance} for each query vector. */
    void search(float[][] queries, int[] nearest, float[] distance) throws OrtException {
        for (int from = 0; from < queries.length; from += block) {
            int n = Math.min(block, queries.length - from);
            float[] q = new float[n * dim];
            for (int i = 0; i < n; i++) {
                System.arraycopy(queries[from + i], 0, q, i * dim, dim);
            }
            try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(q), new long[] {n, dim});
                 OrtSession.Result r = session.run(Map.of("query", t))) {
                LongBuffer idx = ((OnnxTensor) r.get("nearest").orElseThrow()).getLongBuffer();
                for (int i = 0; i < n; i++) {
                    int best = (int) idx.get(i);
                    nearest[from + i] = best;
                    distance[from + i] = distanceTo(queries[from + i], best);
                }
            }
        }
    }

    private float distanceTo(float[] q, int row) {
        float dot = 0;
        int offset = row * dim;
        for (int d = 0; d < dim; d++) {
            dot += q[d] * refs[offset + d];
        }
        return Math.max(0f, 1f - dot);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    private static byte[] model(ReferenceSet reference) {
        int rows = reference.size();
        int dim = reference.dim();
        ByteBuffer raw = ByteBuffer.allocate(rows * dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = reference.vectors();
        for (int d = 0; d < dim; d++) {
            for (int r = 0; r < rows; r++) {
                raw.putFloat(v[r * dim + d]);
            }
        }
        ProtoWriter transposed = new ProtoWriter().varint(1, dim).varint(1, rows).varint(2, FLOAT)
            .string(8, "reference_t").bytes(9, raw.array());
        ProtoWriter graph = new ProtoWriter()
            .message(1, node("MatMul", "similarity", "query", "reference_t"))
            .message(1, node("ArgMax", "nearest", "similarity").message(5, intAttr("axis", 1))
                .message(5, intAttr("keepdims", 0)))
            .string(2, "nearest_normal")
            .message(5, transposed)
            .message(11, value("query", FLOAT, dim))
            .message(12, value("nearest", INT64, -1));
        return new ProtoWriter().varint(1, 8).message(8, new ProtoWriter().string(1, "").varint(2, 17))
            .message(7, graph).toByteArray();
    }

    private static ProtoWriter node(String op, String output, String... inputs) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        return n.string(2, output).string(3, output + "_node").string(4, op);
    }

    private static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTR_INT);
    }

    /** A tensor value of shape [n] or [n, width] with a dynamic first axis. */
    private static ProtoWriter value(String name, int elemType, int width) {
        ProtoWriter shape = new ProtoWriter().message(1, new ProtoWriter().string(2, "n"));
        if (width > 0) {
            shape.message(1, new ProtoWriter().varint(1, width));
        }
        ProtoWriter tensor = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }
}
