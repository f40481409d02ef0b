package io.contralog.model.score;

import io.contralog.model.bundle.ReferenceSet;

/**
 * Finds the most similar reference message by brute-force dot products over L2-normalised rows.
 *
 * <p>Four accumulators per row break the floating-point dependency chain, which the JIT cannot do on its own
 * for a reduction; the scorer caches results per text, so the search runs once per distinct message.
 */
final class NearestNormal {

    private final float[] refs;
    private final int dim;
    private final int count;

    NearestNormal(ReferenceSet reference) {
        this.refs = reference.vectors();
        this.dim = reference.dim();
        this.count = reference.size();
    }

    /** Index of the nearest reference row, or -1 when the set is empty. */
    int nearest(float[] query) {
        int best = -1;
        float bestDot = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < count; r++) {
            float d = dot(query, r * dim);
            if (d > bestDot) {
                bestDot = d;
                best = r;
            }
        }
        return best;
    }

    /** Cosine distance to reference row {@code index} (1 when the set is empty). */
    float distance(float[] query, int index) {
        return index < 0 ? 1f : Math.max(0f, 1f - dot(query, index * dim));
    }

    private float dot(float[] q, int offset) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        int i = 0;
        for (; i + 3 < dim; i += 4) {
            a0 += q[i] * refs[offset + i];
            a1 += q[i + 1] * refs[offset + i + 1];
            a2 += q[i + 2] * refs[offset + i + 2];
            a3 += q[i + 3] * refs[offset + i + 3];
        }
        for (; i < dim; i++) {
            a0 += q[i] * refs[offset + i];
        }
        return (a0 + a1) + (a2 + a3);
    }
}
