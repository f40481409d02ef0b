package io.contralog.model.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FusionAndThresholdTest {

    @Test
    void fusionIsTheL2OfRobustZScoresScaledByTheirNormalMaximum() {
        List<Features> normal = List.of(
            new Features(1, 10, 0.1, 1),
            new Features(2, 20, 0.2, 2),
            new Features(3, 30, 0.3, 3),
            new Features(4, 40, 0.4, 4),
            new Features(5, 50, 0.5, 5));
        ScoreFusion fusion = ScoreFusion.fit(normal);

        assertThat(fusion.median()).containsExactly(new double[] {3, 30, 0.3, 3}, within(1e-12));
        assertThat(fusion.mad()).containsExactly(new double[] {1, 10, 0.1, 1}, within(1e-12));
        assertThat(fusion.scale()).containsExactly(new double[] {2, 2, 2, 2}, within(1e-9));
        // each z is |7-3|/1/2 = 2, four of them: sqrt(4 * 4) = 4
        assertThat(fusion.fuse(new Features(7, 70, 0.7, 7))).isCloseTo(4.0, within(1e-9));
        assertThat(fusion.fuse(new Features(3, 30, 0.3, 3))).isCloseTo(0.0, within(1e-12));
        assertThat(fusion.fuse(new Features(3, 30, 0.3, 5))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void zeroSpreadFallsBackToMeanDeviationThenToAFloor() {
        List<Features> normal = List.of(
            new Features(0, 0, 0, 0), new Features(0, 0, 0, 0), new Features(0, 0, 0, 0),
            new Features(0, 0, 0, 0.4));
        ScoreFusion fusion = ScoreFusion.fit(normal);

        assertThat(fusion.mad()[3]).isCloseTo(0.1, within(1e-12));
        assertThat(fusion.scale()[3]).isCloseTo(4.0, within(1e-9));
        assertThat(fusion.mad()[0]).isEqualTo(ScoreFusion.MIN_SPREAD);
        assertThat(fusion.scale()[0]).isEqualTo(1.0);
        assertThat(fusion.fuse(new Features(0, 0, 0, 0.8))).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void thresholdRecordsBothMethods() {
        double[] scores = new double[1000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i + 1;
        }
        Threshold t = Threshold.fit(scores);

        assertThat(t.method()).isEqualTo(Threshold.FALSE_ALARM_TARGET);
        assertThat(t.falseAlarmTarget()).isEqualTo(0.001);
        assertThat(t.falseAlarmValue()).isEqualTo(999);
        assertThat(t.value()).isEqualTo(999);
        assertThat(t.percentileValue()).isCloseTo(950.05, within(1e-9));
        assertThat(t.isAnomalous(1000)).isTrue();
        assertThat(t.isAnomalous(999)).isFalse();
        assertThat(t.fitCount()).isEqualTo(1000);

        Threshold p = Threshold.fit(scores, Threshold.PERCENTILE, 0.01);
        assertThat(p.value()).isEqualTo(p.percentileValue());
        assertThat(p.falseAlarmValue()).isEqualTo(990);
        assertThat(t.forTarget(0.05).value()).isEqualTo(950);
    }

    @Test
    void smallFitSetsGiveTheirMaximumForARareTarget() {
        Threshold t = Threshold.fit(new double[] {0.5, 0.1, 0.9, 0.3});

        assertThat(t.value()).isEqualTo(0.9);
        assertThat(t.normalScores()).containsExactly(0.1, 0.3, 0.5, 0.9);
        assertThatThrownBy(() -> Threshold.fit(new double[] {1}, "median", 0.1)).hasMessageContaining("unknown");
    }

    /**
     * On 100 draws of a unit exponential the 0.1% quantile (ln 1000 = 6.9) lies beyond their maximum: the maximum
     * would be exceeded by about 1% of normal sequences, the extrapolated tail by close to the target.
     */
    @Test
    void extrapolatesTheTailWhenTheFitSetCannotResolveTheTarget() {
        Random random = new Random(3);
        double[] scores = new double[100];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = -Math.log(1 - random.nextDouble());
        }
        double max = Arrays.stream(scores).max().orElseThrow();
        Threshold t = Threshold.fit(scores);

        assertThat(t.value()).isGreaterThan(max).isBetween(5.0, 9.5);
        assertThat(Math.exp(-t.value())).as("false-alarm rate on the true distribution").isBetween(1e-4, 5e-3);
        assertThat(Threshold.fit(scores, Threshold.FALSE_ALARM_TARGET, 0.02).value())
            .as("a target the fit set resolves keeps the order statistic").isLessThan(max);
    }

    @Test
    void neverExtrapolatesBelowTheMaximum() {
        double[] equal = new double[50];
        Arrays.fill(equal, 2.5);

        assertThat(Threshold.fit(equal).value()).isEqualTo(2.5);
    }
}
