package io.contralog.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.contralog.model.score.ScoreFusion;
import io.contralog.model.score.Threshold;
import io.contralog.model.session.SessionSpec;
import io.contralog.model.text.CanonicalText;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static Manifest sample() {
        Manifest draft = Manifest.draft("tiny", new Dims(32, 64, 1, 2, 32, 32, 384),
            new TokenizerSettings("byte-bpe", 384, 32, true), SessionSpec.defaults(), new ScoringSettings(4, 10),
            "1.2.3");
        return draft.withFit(new ScoreFusion(new double[] {1, 2, 3, 4}, new double[] {1, 1, 1, 1},
            new double[] {2, 2, 2, 2}), Threshold.fit(new double[] {0.1, 0.2, 0.3}))
            .withSummaries(Map.of("sequences", 12), Map.of("loss", 0.5));
    }

    @Test
    void roundTripsThroughJsonWithCurrentVersions() throws Exception {
        Manifest m = sample();
        Manifest back = Manifest.fromJson(m.toJson());

        assertThat(back.formatVersion()).isEqualTo(Manifest.FORMAT_VERSION);
        assertThat(back.canonicalTextVersion()).isEqualTo(CanonicalText.VERSION);
        assertThat(back.dims()).isEqualTo(m.dims());
        assertThat(back.session()).isEqualTo(SessionSpec.defaults());
        assertThat(back.fusion().median()).containsExactly(1, 2, 3, 4);
        assertThat(back.threshold().value()).isEqualTo(0.3);
        assertThat(back.threshold().percentileValue()).isEqualTo(m.threshold().percentileValue());
        assertThat(back.trainingData()).containsEntry("sequences", 12);
        assertThat(back.createdAt()).isEqualTo(m.createdAt());
    }

    @Test
    void ignoresKeysANewerTrainerAdds() throws Exception {
        String json = sample().toJson().replaceFirst("\\{", "{ \"futureField\" : {\"x\" : 1},");

        assertThat(Manifest.fromJson(json).preset()).isEqualTo("tiny");
    }

    @Test
    void leavesOutFusionAndThresholdBeforeTheyAreFitted() {
        Manifest draft = Manifest.draft("tiny", new Dims(32, 64, 1, 2, 32, 32, 384),
            new TokenizerSettings("byte-bpe", 384, 32, true), SessionSpec.defaults(), new ScoringSettings(4, 0), "x");

        assertThat(draft.toJson()).doesNotContain("fusion").doesNotContain("threshold");
    }
}
