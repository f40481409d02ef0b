package io.contralog.trainer.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {

    @Test
    void computesPrecisionRecallF1AtTheThreshold() {
        double[] scores = {0.1, 0.2, 0.9, 0.8, 0.7, 0.3};
        boolean[] labels = {false, false, true, true, false, true};

        Metrics m = Metrics.of(scores, labels, 0.5);

        assertThat(m.precision()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.recall()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.f1()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.sessions()).isEqualTo(6);
        assertThat(m.anomalous()).isEqualTo(3);
        assertThat(m.line()).isEqualTo("precision=0.667 recall=0.667 f1=0.667 auroc=0.889 sessions=6 anomalous=3");
    }

    @Test
    void aurocCountsTiesHalfAndIsNanWithOneClass() {
        assertThat(Curves.auroc(new double[] {1, 1, 1, 1}, new boolean[] {true, false, true, false})).isEqualTo(0.5);
        assertThat(Curves.auroc(new double[] {0, 1}, new boolean[] {false, true})).isEqualTo(1.0);
        assertThat(Curves.auroc(new double[] {0, 1}, new boolean[] {true, true})).isNaN();
    }

    @Test
    void rocRunsFromOriginToOneOne() {
        List<double[]> roc = Curves.roc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});

        assertThat(roc.get(0)).containsExactly(0, 0);
        assertThat(roc.get(roc.size() - 1)).containsExactly(1, 1);
        assertThat(Curves.precisionRecall(new double[] {0.1, 0.8}, new boolean[] {false, true}).get(0))
            .containsExactly(1, 1);
    }

    @Test
    void flagsNothingAtAnInfiniteThreshold() {
        Metrics m = Metrics.of(new double[] {1, 2}, new boolean[] {true, false}, Double.POSITIVE_INFINITY);

        assertThat(m.precision()).isNaN();
        assertThat(m.recall()).isZero();
        assertThat(m.f1()).isZero();
    }
}
