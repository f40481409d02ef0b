package io.contralog.trainer.eval;

import io.contralog.core.event.LogEvent;
import io.contralog.model.session.Sequence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtocolTest {

    @Test
    void splitsInTimeOrderAndKeepsAnomaliesOutOfTheFirstThreeParts() {
        List<LabeledSequence> all = sequences(100, 10);

        Split split = Protocol.NATURAL.split(all, null, 1);

        assertThat(split.train()).noneMatch(LabeledSequence::anomalous);
        assertThat(split.valid()).noneMatch(LabeledSequence::anomalous);
        assertThat(split.fit()).noneMatch(LabeledSequence::anomalous);
        assertThat(split.test()).hasSize(30);
        assertThat(split.test().get(0).sequence().startTs()).isEqualTo(70);
        assertThat(split.train().size() + countAnomalies(all, 0, 60)).isEqualTo(60);
        assertThat(split.order()).isEqualTo("time");
    }

    @Test
    void balancesTheTestPartOneToOneForThePaperProtocol() {
        List<LabeledSequence> all = sequences(200, 7);

        Split split = Protocol.PAPER.split(all, null, 3);

        long anomalies = split.testAnomalies();
        assertThat(anomalies).isPositive();
        assertThat(split.test()).hasSize((int) (2 * anomalies));
    }

    @Test
    void shufflesWithASeedReproducibly() {
        List<LabeledSequence> all = sequences(100, 10);

        Split a = Protocol.NATURAL.split(all, 5L, 1);
        Split b = Protocol.NATURAL.split(all, 5L, 1);
        Split c = Protocol.NATURAL.split(all, 6L, 1);

        assertThat(a.test()).isEqualTo(b.test());
        assertThat(a.test()).isNotEqualTo(c.test());
        assertThat(a.order()).contains("seed 5");
    }

    @Test
    void namesTheOptionForAnUnknownProtocol() {
        assertThatThrownBy(() -> Protocol.parse("fancy")).hasMessageContaining("--protocol");
        assertThat(Protocol.parse("Paper")).isEqualTo(Protocol.PAPER);
    }

    static List<LabeledSequence> sequences(int n, int anomalyEvery) {
        List<LabeledSequence> out = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            LogEvent event = LogEvent.builder().ts(i).msg("m" + i).service("s").seq(i).build();
            out.add(new LabeledSequence(Sequence.of("s", "", List.of(event), Sequence.CloseReason.FLUSH),
                i % anomalyEvery == 0));
        }
        return out;
    }

    private static long countAnomalies(List<LabeledSequence> all, long from, long to) {
        return all.stream().filter(s -> s.sequence().startTs() >= from && s.sequence().startTs() < to)
            .filter(LabeledSequence::anomalous).count();
    }
}
