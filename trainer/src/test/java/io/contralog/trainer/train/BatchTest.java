package io.contralog.trainer.train;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BatchTest {

    private static final List<List<String>> SEQUENCES = List.of(
        List.of("a", "b", "a", "c", "a", "b", "a", "c", "a", "b"),
        List.of("c", "a", "d"));

    @Test
    void masksAboutFifteenPercentAndAtLeastOnePerSequence() {
        Random random = new Random(1);
        assertThat(Masking.choose(1, 0.15, random)).containsExactly(0);
        assertThat(Masking.choose(3, 0.15, random)).hasSize(1);
        assertThat(Masking.choose(20, 0.15, random)).hasSize(3).isSorted().doesNotHaveDuplicates();
        int[] many = Masking.choose(100, 0.15, random);
        assertThat(many).hasSize(15);
        assertThat(many[0]).isGreaterThanOrEqualTo(0);
        assertThat(many[14]).isLessThan(100);
    }

    @Test
    void sameTextOccurrencesArePositivesByDefaultAndNegativesInTheAuthorsVariant() {
        TrainingData data = new TrainingData(text -> new int[] {text.charAt(0)}, 32);
        List<int[]> seqs = data.sequences(SEQUENCES);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int seed = 0; seed < 5; seed++) {
                Batch batch = Batch.of(data, seqs, 0.15, new Random(seed));
                float[] mine = batch.arrays(manager, true).positive().toFloatArray();
                float[] authors = batch.arrays(manager, false).positive().toFloatArray();
                int candidates = 13;
                for (int row = 0; row < batch.maskCount(); row++) {
                    int minePositives = 0;
                    int authorPositives = 0;
                    for (int col = 0; col < candidates; col++) {
                        minePositives += (int) mine[row * candidates + col];
                        authorPositives += (int) authors[row * candidates + col];
                    }
                    assertThat(authorPositives).isEqualTo(1);
                    assertThat(minePositives).isGreaterThanOrEqualTo(1);
                }
                assertThat(sum(mine)).isGreaterThan(sum(authors));
            }
        }
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
