package io.contralog.core.queue;

/**
 * The encoded form of a few recently written field values, looked up by identity: a logging framework hands over
 * the same string object for a logger, thread or level on every event, and equal identity means equal text.
 *
 * <p>Implementation note: entries are replaced round-robin and their byte arrays reused, so a thread that writes
 * through more loggers than there are entries allocates only while an entry's array has to grow.
 */
final class EncodedFields {

    private static final int ENTRIES = 8;
    /** Values longer than this are encoded each time rather than kept. */
    private static final int MAX_KEPT = 512;

    private final String[] values = new String[ENTRIES];
    private final byte[][] encoded = new byte[ENTRIES][];
    private final int[] lengths = new int[ENTRIES];
    private final boolean[] repaired = new boolean[ENTRIES];
    private int next;

    /** The entry holding this very string, or -1. */
    int find(String value) {
        for (int i = 0; i < ENTRIES; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    int length(int slot) {
        return lengths[slot];
    }

    /** Whether encoding the entry's value replaced an unpaired surrogate. */
    boolean repaired(int slot) {
        return repaired[slot];
    }

    /** Copies the entry's bytes to {@code out} at {@code at} and returns the position after them. */
    int copyTo(int slot, byte[] out, int at) {
        System.arraycopy(encoded[slot], 0, out, at, lengths[slot]);
        return at + lengths[slot];
    }

    /** Keeps {@code length} bytes of {@code from} at {@code start} as the encoded form of {@code value}. */
    void keep(String value, byte[] from, int start, int length, boolean repairedText) {
        if (length > MAX_KEPT) {
            return;
        }
        int slot = next;
        next = (next + 1) % ENTRIES;
        if (encoded[slot] == null || encoded[slot].length < length) {
            encoded[slot] = new byte[Math.max(length, 64)];
        }
        System.arraycopy(from, start, encoded[slot], 0, length);
        lengths[slot] = length;
        repaired[slot] = repairedText;
        values[slot] = value;
    }
}
