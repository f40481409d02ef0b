package io.contralog.model.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.contralog.model.bundle.Bundle;
import io.contralog.model.testing.Flows;
import io.contralog.model.testing.TestBundles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache and the batch deduplication spare the message encoder work, and never add any. */
class ScorerCacheTest {

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void buildBundle() throws Exception {
        model = TestBundles.build(dir.resolve("model"));
    }

    @Test
    void textsThatTokenizeAlikeAreEmbeddedOnceAndServedFromTheCacheAfterwards() throws Exception {
        String longTail = "INFO Api: " + "word ".repeat(64);
        List<List<String>> seqs = List.of(List.of("INFO Api: Payment accepted", "info api:   PAYMENT accepted",
            longTail + "id=1", longTail + "id=2", "INFO Api: Payment accepted"));
        try (Bundle bundle = Bundle.load(model)) {
            OnnxScorer scorer = bundle.scorer();
            RawScores first = scorer.score(seqs);
            assertThat(scorer.encodedRows()).isEqualTo(2);
            assertThat(first.contextFree()[0][1]).isEqualTo(first.contextFree()[0][0]);
            assertThat(first.contextFree()[0][3]).isEqualTo(first.contextFree()[0][2]);
            RawScores second = scorer.score(seqs);
            assertThat(scorer.encodedRows()).isEqualTo(2);
            assertThat(scorer.cacheHits()).isEqualTo(5);
            assertThat(second.inContext()[0]).containsExactly(first.inContext()[0]);
        }
    }

    @Test
    void theCacheNeverEmbedsMoreRowsThanScoringWithoutIt() throws Exception {
        List<List<List<String>>> batches = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            List<List<String>> batch = Flows.normal(12, 100 + b);
            batch.add(Flows.withUnseenMessage(200 + b));
            batches.add(batch);
        }
        try (Bundle on = Bundle.load(model); Bundle off = Bundle.load(model, ScorerOptions.defaults()
            .withCacheSize(0))) {
            for (List<List<String>> batch : batches) {
                on.scorer().score(batch);
                off.scorer().score(batch);
                assertThat(on.scorer().encodedRows()).isLessThanOrEqualTo(off.scorer().encodedRows());
            }
            assertThat(on.scorer().encodedRows()).isLessThan(off.scorer().encodedRows());
            assertThat(off.scorer().cacheHits()).isZero();
        }
    }
}
