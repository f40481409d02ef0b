package io.contralog.trainer.train;

import io.contralog.core.event.LogEvent;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.score.ScoredSequence;
import io.contralog.model.score.SequenceScorer;
import io.contralog.model.session.Sequence;
import io.contralog.model.session.Sessionizer;
import io.contralog.trainer.testing.RequestFlowLogs;
import io.contralog.trainer.testing.TinyBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainPipelineTest {

    private static Path bundleDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void train() {
        bundleDir = TinyBundle.get();
    }

    @Test
    void injectedAnomaliesScoreAboveThresholdWhileHeldOutNormalsMostlyDoNot() throws Exception {
        RequestFlowLogs heldOut = new RequestFlowLogs(99);
        List<LogEvent> normal = heldOut.normal(200);
        List<LogEvent> unseen = heldOut.unseenError();
        List<LogEvent> outOfPlace = heldOut.chargeDuringLogin();
        try (Bundle bundle = Bundle.load(bundleDir)) {
            SequenceScorer scorer = new SequenceScorer(bundle);
            List<ScoredSequence> normals = scorer.score(Sessionizer.sessionize(normal, TinyBundle.session()));
            long flagged = normals.stream().filter(ScoredSequence::anomalous).count();
            assertThat(normals).hasSizeGreaterThan(150);
            assertThat(flagged).as("held-out normal sequences flagged").isLessThanOrEqualTo(normals.size() / 10);

            List<Sequence> injected = new ArrayList<>(Sessionizer.sessionize(unseen, TinyBundle.session()));
            injected.addAll(Sessionizer.sessionize(outOfPlace, TinyBundle.session()));
            List<ScoredSequence> scored = scorer.score(injected);
            assertThat(scored).hasSize(2);
            assertThat(scored.get(0).anomalous()).as("unseen error, score %s", scored.get(0).score()).isTrue();
            assertThat(scored.get(1).anomalous()).as("charge during login, score %s vs threshold %s",
                scored.get(1).score(), scored.get(1).threshold()).isTrue();
        }
    }

    @Test
    void bundleRecordsPresetSessionAndTrainingFigures() throws Exception {
        try (Bundle bundle = Bundle.load(bundleDir)) {
            assertThat(bundle.manifest().preset()).isEqualTo("tiny");
            assertThat(bundle.manifest().session().contextField()).isEqualTo(RequestFlowLogs.KEY);
            assertThat(bundle.manifest().validation()).containsKeys("bestValidationLoss", "stepsPerSecond");
            assertThat(bundle.reference().size()).isPositive();
        }
    }

    @Test
    void tooFewSequencesFailWithTheMinimum() {
        List<LogEvent> events = new RequestFlowLogs(3).normal(10);
        TrainOptions options = TrainOptions.defaults(Preset.TINY).withSession(TinyBundle.session());
        assertThatThrownBy(() -> TrainPipeline.run(events, options, tmp.resolve("b")))
            .isInstanceOf(InsufficientDataException.class)
            .hasMessageContaining("at least " + TrainPipeline.MIN_SEQUENCES + " sequences");
    }
}
