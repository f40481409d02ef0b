package io.contralog.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One training step's input: the distinct messages of a few sequences, how the sequences refer to them, which
 * positions are masked, and which candidate columns are positives of each masked position.
 *
 * <p>Implementation notes: each distinct text is encoded once per step, and sequences and candidates are
 * gathered from those embeddings by one-hot matrix products, which keeps the backward pass simple and
 * deterministic. Candidates are all real message occurrences of the batch, so a text that occurs five times is
 * five columns; whether the target's other occurrences are positives or negatives is the loss variant.
 */
final class Batch {

    private final int sequences;
    private final int length;
    private final int distinct;
    private final int tokenWidth;
    private final long[] ids;
    private final float[] tokenMask;
    private final float[] padding;
    private final float[] masked;
    private final int[] occurrence;
    private final int[] targets;
    private final int[] targetSlots;

    private Batch(TrainingData data, List<int[]> batch, double maskRatio, Random random) {
        Map<Integer, Integer> local = new LinkedHashMap<>();
        int longest = 1;
        for (int[] seq : batch) {
            longest = Math.max(longest, seq.length);
            for (int id : seq) {
                local.putIfAbsent(id, local.size());
            }
        }
        sequences = batch.size();
        length = longest;
        distinct = local.size();
        int widest = 1;
        for (int id : local.keySet()) {
            widest = Math.max(widest, data.tokens(id).length);
        }
        tokenWidth = widest;
        ids = new long[distinct * tokenWidth];
        tokenMask = new float[distinct * tokenWidth];
        fillTokens(data, local);
        padding = new float[sequences * length];
        masked = new float[sequences * length];
        occurrence = new int[sequences * length];
        java.util.Arrays.fill(occurrence, -1);
        int maskCount = fillPositions(batch, local, maskRatio, random);
        targets = new int[maskCount];
        targetSlots = new int[maskCount];
        int m = 0;
        for (int slot = 0; slot < masked.length; slot++) {
            if (masked[slot] == 1f) {
                targetSlots[m] = slot;
                targets[m++] = occurrence[slot];
            }
        }
    }

    /** Builds a batch with freshly drawn masked positions. */
    static Batch of(TrainingData data, List<int[]> batch, double maskRatio, Random random) {
        return new Batch(data, batch, maskRatio, random);
    }

    private void fillTokens(TrainingData data, Map<Integer, Integer> local) {
        local.forEach((id, row) -> {
            int[] t = data.tokens(id);
            for (int i = 0; i < t.length; i++) {
                ids[row * tokenWidth + i] = t[i];
                tokenMask[row * tokenWidth + i] = 1f;
            }
        });
    }

    private int fillPositions(List<int[]> batch, Map<Integer, Integer> local, double maskRatio, Random random) {
        int maskCount = 0;
        for (int b = 0; b < sequences; b++) {
            int[] seq = batch.get(b);
            for (int t = 0; t < seq.length; t++) {
                padding[b * length + t] = 1f;
                occurrence[b * length + t] = local.get(seq[t]);
            }
            for (int t : Masking.choose(seq.length, maskRatio, random)) {
                masked[b * length + t] = 1f;
                maskCount++;
            }
        }
        return maskCount;
    }

    /** Number of masked positions (rows of the loss). */
    int maskCount() {
        return targets.length;
    }

    /** Number of sequences. */
    int size() {
        return sequences;
    }

    /** The step's arrays, created in {@code m}. */
    Arrays arrays(NDManager nd, boolean sameTextPositive) {
        int slots = sequences * length;
        int real = 0;
        for (float p : padding) {
            real += (int) p;
        }
        float[] gather = new float[slots * distinct];
        float[] candidates = new float[real * distinct];
        int[] candidateSlot = new int[real];
        int c = 0;
        for (int slot = 0; slot < slots; slot++) {
            if (occurrence[slot] >= 0) {
                gather[slot * distinct + occurrence[slot]] = 1f;
                candidates[c * distinct + occurrence[slot]] = 1f;
                candidateSlot[c++] = slot;
            }
        }
        int m = targets.length;
        float[] select = new float[m * slots];
        float[] targetGather = new float[m * distinct];
        float[] positive = new float[m * real];
        float[] targetPositive = new float[m * m];
        for (int i = 0; i < m; i++) {
            select[i * slots + targetSlots[i]] = 1f;
            targetGather[i * distinct + targets[i]] = 1f;
            for (int j = 0; j < real; j++) {
                boolean same = sameTextPositive ? occurrence[candidateSlot[j]] == targets[i]
                    : candidateSlot[j] == targetSlots[i];
                positive[i * real + j] = same ? 1f : 0f;
            }
            for (int j = 0; j < m; j++) {
                boolean same = sameTextPositive ? targets[j] == targets[i] : i == j;
                targetPositive[i * m + j] = same ? 1f : 0f;
            }
        }
        return new Arrays(
            nd.create(ids, new Shape(distinct, tokenWidth)),
            nd.create(tokenMask, new Shape(distinct, tokenWidth)),
            nd.create(gather, new Shape(slots, distinct)),
            nd.create(padding, new Shape(sequences, length)),
            nd.create(masked, new Shape(sequences, length)),
            nd.create(select, new Shape(m, slots)),
            nd.create(candidates, new Shape(real, distinct)),
            nd.create(targetGather, new Shape(m, distinct)),
            nd.create(positive, new Shape(m, real)),
            nd.create(targetPositive, new Shape(m, m)),
            sequences, length);
    }

    /** The NDArrays of one step. */
    record Arrays(NDArray ids, NDArray tokenMask, NDArray gather, NDArray padding, NDArray masked, NDArray select,
            NDArray candidates, NDArray targetGather, NDArray positive, NDArray targetPositive, int sequences,
            int length) {
    }
}
