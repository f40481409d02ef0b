package io.contralog.trainer.train;

import java.util.Arrays;
import java.util.Random;

/** Chooses the masked positions of one training sequence: about the mask ratio of them, at least one. */
public final class Masking {

    private Masking() {
    }

    /** Returns distinct positions in [0, length), sorted. */
    public static int[] choose(int length, double ratio, Random random) {
        int count = Math.max(1, Math.min(length, (int) Math.round(length * ratio)));
        int[] order = new int[length];
        for (int i = 0; i < length; i++) {
            order[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] chosen = Arrays.copyOf(order, count);
        Arrays.sort(chosen);
        return chosen;
    }
}
