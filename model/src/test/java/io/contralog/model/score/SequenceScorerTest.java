package io.contralog.model.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.contralog.core.event.LogEvent;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.session.Sequence;
import io.contralog.model.testing.Flows;
import io.contralog.model.testing.TestBundles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceScorerTest {

    @TempDir
    static Path dir;
    static Bundle bundle;

    @BeforeAll
    static void buildBundle() throws Exception {
        bundle = Bundle.load(TestBundles.build(dir.resolve("model")));
    }

    @AfterAll
    static void closeBundle() {
        bundle.close();
    }

    @Test
    void unseenAndMisplacedMessagesScoreAboveThresholdWhileHeldOutNormalMostlyDoNot() throws Exception {
        SequenceScorer scorer = new SequenceScorer(bundle);
        List<ScoredSequence> normal = scorer.scoreTexts(Flows.normal(200, 99));
        ScoredSequence unseen = scorer.scoreTexts(List.of(Flows.withUnseenMessage(5))).get(0);
        ScoredSequence misplaced = scorer.scoreTexts(List.of(Flows.withMisplacedMessage(5))).get(0);

        long falseAlarms = normal.stream().filter(ScoredSequence::anomalous).count();
        assertThat(falseAlarms).isLessThanOrEqualTo(10);
        assertThat(unseen.anomalous()).isTrue();
        assertThat(unseen.mostAnomalous(1).get(0).text()).isEqualTo(Flows.UNSEEN);
        assertThat(misplaced.anomalous()).isTrue();
        assertThat(misplaced.mostAnomalous(1).get(0).position()).isEqualTo(7);
        assertThat(misplaced.messages().get(7).contextFree()).isLessThan(unseen.messages().get(7).contextFree());
    }

    @Test
    void explainsEachMessageWithItsNearestNormalText() throws Exception {
        List<String> seq = Flows.normal(1, 3).get(0);
        ScoredSequence scored = new SequenceScorer(bundle).scoreTexts(List.of(seq)).get(0);

        assertThat(scored.messages()).hasSize(seq.size());
        assertThat(scored.messages()).allSatisfy(m -> {
            assertThat(m.nearestNormal()).isNotNull();
            assertThat(m.inContext()).isBetween(0.0, 2.0);
            assertThat(m.contextFree()).isBetween(0.0, 2.0);
        });
        assertThat(scored.threshold()).isEqualTo(bundle.manifest().threshold().value());
    }

    @Test
    void scoresSessionizedEventsThroughTheirCanonicalText() throws Exception {
        List<String> texts = Flows.normal(1, 4).get(0);
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String[] parts = texts.get(i).split(": ", 2);
            String[] head = parts[0].split(" ");
            events.add(LogEvent.builder().ts(i).seq(i).level(head[0]).logger("com.acme." + head[1]).msg(parts[1])
                .service("shop").build());
        }
        Sequence seq = Sequence.of("shop", "", events, Sequence.CloseReason.FLUSH);
        SequenceScorer scorer = new SequenceScorer(bundle);

        ScoredSequence fromEvents = scorer.score(List.of(seq)).get(0);
        ScoredSequence fromTexts = scorer.scoreTexts(List.of(texts)).get(0);

        assertThat(fromEvents.sequence()).isSameAs(seq);
        assertThat(fromEvents.score()).isEqualTo(fromTexts.score());
    }

    @Test
    void cacheDoesNotChangeResults() throws Exception {
        List<List<String>> seqs = Flows.normal(30, 21);
        seqs.add(Flows.withUnseenMessage(8));
        OnnxScorer cached = bundle.scorer();
        RawScores first = cached.score(seqs);
        RawScores second = cached.score(seqs);
        try (Bundle uncachedBundle = Bundle.load(bundle.dir(), ScorerOptions.defaults().withCacheSize(0))) {
            RawScores uncached = uncachedBundle.scorer().score(seqs);
            for (int s = 0; s < seqs.size(); s++) {
                assertThat(second.inContext()[s]).containsExactly(first.inContext()[s]);
                assertThat(uncached.inContext()[s]).containsExactly(first.inContext()[s]);
                assertThat(uncached.contextFree()[s]).containsExactly(first.contextFree()[s]);
                assertThat(uncached.nearest()[s]).containsExactly(first.nearest()[s]);
            }
        }
        assertThat(cached.cacheHits()).isPositive();
    }

    @Test
    void aSequenceScoresTheSameAloneAsInABatchOfOtherLengths() throws Exception {
        List<List<String>> batch = Flows.normal(40, 41);
        batch.add(Flows.withMisplacedMessage(3));
        RawScores together = bundle.scorer().score(batch);

        for (int s = 0; s < batch.size(); s++) {
            RawScores alone = bundle.scorer().score(List.of(batch.get(s)));
            assertThat(alone.inContext()[0]).containsExactly(together.inContext()[s]);
            assertThat(alone.contextFree()[0]).containsExactly(together.contextFree()[s]);
        }
    }

    @Test
    void interleavedMaskingScoresEveryPositionAndExactMasksOnePerPass() throws Exception {
        List<List<String>> seqs = Flows.normal(20, 31);
        seqs.add(Flows.withMisplacedMessage(9));
        OnnxScorer scorer = bundle.scorer();
        RawScores interleaved = scorer.score(seqs, 4);
        RawScores exact = scorer.score(seqs, ScorerOptions.EXACT);
        RawScores single = scorer.score(seqs, 1);

        for (int s = 0; s < seqs.size(); s++) {
            for (float v : interleaved.inContext()[s]) {
                assertThat(v).isGreaterThan(0f).isLessThanOrEqualTo(2f);
            }
        }
        int last = seqs.size() - 1;
        assertThat(exact.inContext()[last][7]).isGreaterThan(exact.inContext()[last][0]);
        assertThat(interleaved.inContext()[last][7]).isGreaterThan(interleaved.inContext()[last][0]);
        assertThat(interleaved.inContext()[0]).isNotEqualTo(single.inContext()[0]);
    }

    @Test
    void splitsSequencesLongerThanTheModelIntoChunks() throws Exception {
        List<String> longSeq = new ArrayList<>();
        while (longSeq.size() < TestBundles.MAX_MESSAGES * 2 + 5) {
            longSeq.addAll(Flows.normal(1, longSeq.size()).get(0));
        }
        RawScores raw = bundle.scorer().score(List.of(longSeq));

        assertThat(raw.inContext()[0]).hasSize(longSeq.size());
        for (float v : raw.inContext()[0]) {
            assertThat(v).isGreaterThan(0f);
        }
    }

    @Test
    void cudaProviderFallsBackToTheCpuWhenUnavailable() throws Exception {
        try (Bundle gpu = Bundle.load(bundle.dir(), ScorerOptions.defaults().withProvider("cuda"))) {
            assertThat(gpu.scorer().effectiveProvider()).isEqualTo("cpu");
            ScoredSequence s = new SequenceScorer(gpu).scoreTexts(List.of(Flows.withUnseenMessage(1))).get(0);
            assertThat(s.anomalous()).isTrue();
        }
    }
}
