package io.contralog.trainer.train;

import io.contralog.core.event.LogEvent;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.bundle.ReferenceSet;
import io.contralog.model.score.OnnxScorer;
import io.contralog.model.score.RawScores;
import io.contralog.model.text.CanonicalText;
import io.contralog.trainer.testing.RequestFlowLogs;
import io.contralog.trainer.testing.TinyBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context-free score only works while a trained message encoder keeps distinct messages apart; a model whose
 * embeddings collapse to one direction scores every message, seen or not, near 0.
 */
class MessageEmbeddingSpreadTest {

    /** Collapsed models put a quarter of such pairs within 0.001 of each other; this bundle measures about 0.70. */
    private static final double MIN_LOWER_QUARTILE_DISTANCE = 0.05;

    private static Path bundleDir;

    @BeforeAll
    static void train() {
        bundleDir = TinyBundle.get();
    }

    @Test
    void messagesOfDifferentLoggersEmbedApartAndEachFindsItselfAsNearestNormal() throws Exception {
        try (Bundle bundle = Bundle.load(bundleDir)) {
            ReferenceSet reference = bundle.reference();
            List<String> perLogger = onePerLogger(reference.texts());
            assertThat(perLogger).hasSizeGreaterThan(8);
            float[][] vectors = bundle.scorer().embedUncached(perLogger);
            double[] distances = pairwiseDistances(vectors);
            Arrays.sort(distances);
            assertThat(distances[distances.length / 4]).as("lower quartile of the cosine distances between loggers'"
                + " messages").isGreaterThan(MIN_LOWER_QUARTILE_DISTANCE);

            RawScores raw = bundle.scorer().score(List.of(perLogger));
            for (int i = 0; i < perLogger.size(); i++) {
                assertThat(reference.texts().get(raw.nearest()[0][i])).as("nearest normal of %s", perLogger.get(i))
                    .isEqualTo(perLogger.get(i));
            }
        }
    }

    /** New-number variants of normal messages measured about 0.01 and the unseen error 0.15; collapsed, 0.008. */
    @Test
    void unseenErrorScoresClearlyAboveSeenMessagesWithoutContext() throws Exception {
        List<String> seen = new RequestFlowLogs(99).normal(20).stream().map(CanonicalText::of).toList();
        List<LogEvent> request = new RequestFlowLogs(99).unseenError();
        String error = CanonicalText.of(request.get(request.size() - 1));
        try (Bundle bundle = Bundle.load(bundleDir)) {
            OnnxScorer scorer = bundle.scorer();
            float[] seenScores = scorer.score(List.of(seen)).contextFree()[0];
            float unseen = scorer.score(List.of(List.of(error))).contextFree()[0][0];
            float[] sorted = seenScores.clone();
            Arrays.sort(sorted);
            float seenHigh = sorted[sorted.length * 9 / 10];
            assertThat(unseen).as("context-free score of '%s' against the 90th percentile %s of seen ones", error,
                seenHigh).isGreaterThan(Math.max(0.1f, 1.5f * seenHigh));
        }
    }

    private static List<String> onePerLogger(List<String> texts) {
        Map<String, String> first = new LinkedHashMap<>();
        for (String text : texts) {
            int colon = text.indexOf(':');
            first.putIfAbsent(colon < 0 ? text : text.substring(0, colon), text);
        }
        return new ArrayList<>(first.values());
    }

    private static double[] pairwiseDistances(float[][] v) {
        double[] out = new double[v.length * (v.length - 1) / 2];
        int k = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = i + 1; j < v.length; j++) {
                double dot = 0;
                for (int d = 0; d < v[i].length; d++) {
                    dot += v[i][d] * v[j][d];
                }
                out[k++] = 1 - dot;
            }
        }
        return out;
    }
}
