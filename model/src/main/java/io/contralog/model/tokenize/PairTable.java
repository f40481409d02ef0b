package io.contralog.model.tokenize;

import java.util.Arrays;

/**
 * An open-addressing map from a pair of token ids to the id of their merge, read on every encoded piece.
 *
 * <p>The id of a merge is also its rank: merges are numbered in the order they were learned, so the pair with
 * the smallest merged id is the one to apply first. Primitive arrays keep lookups free of boxing.
 */
final class PairTable {

    private static final long EMPTY = -1L;

    private final long[] keys;
    private final int[] values;
    private final int mask;

    PairTable(int[][] merges, int firstMergeId) {
        int capacity = Integer.highestOneBit(Math.max(4, merges.length * 2 + 1) * 2 - 1);
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < merges.length; i++) {
            put(key(merges[i][0], merges[i][1]), firstMergeId + i);
        }
    }

    static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xffffffffL);
    }

    /** Returns the merged id of the pair, or -1 if the pair never merges. */
    int get(int left, int right) {
        long key = key(left, right);
        int slot = slot(key);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void put(long key, int value) {
        int slot = slot(key);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }
}
