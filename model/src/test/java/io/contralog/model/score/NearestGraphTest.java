package io.contralog.model.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtEnvironment;
import io.contralog.model.bundle.ReferenceSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NearestGraphTest {

    private static float[] unit(Random r, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    @Test
    void findsTheSameNeighbourAsABruteForceSearchAcrossQueryBlocks() throws Exception {
        Random r = new Random(3);
        int dim = 24;
        int rows = 9_000;
        float[] refs = new float[rows * dim];
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            System.arraycopy(unit(r, dim), 0, refs, i * dim, dim);
            texts.add("t" + i);
        }
        float[][] queries = new float[300][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = unit(r, dim);
        }
        int[] nearest = new int[queries.length];
        float[] distance = new float[queries.length];

        try (NearestGraph graph = new NearestGraph(OrtEnvironment.getEnvironment(),
            new ReferenceSet(refs, dim, texts, new long[rows]), 1)) {
            graph.search(queries, nearest, distance);
        }

        for (int q = 0; q < queries.length; q++) {
            int best = 0;
            double bestDot = -2;
            for (int row = 0; row < rows; row++) {
                double dot = 0;
                for (int d = 0; d < dim; d++) {
                    dot += queries[q][d] * refs[row * dim + d];
                }
                if (dot > bestDot) {
                    bestDot = dot;
                    best = row;
                }
            }
            assertThat(distance[q]).isCloseTo((float) (1 - bestDot), within(1e-5f));
            if (nearest[q] != best) {
                // only a float-rounding tie may pick another row, and then at the same distance
                assertThat(distance[q]).isCloseTo((float) (1 - bestDot), within(1e-6f));
            }
        }
    }
}
