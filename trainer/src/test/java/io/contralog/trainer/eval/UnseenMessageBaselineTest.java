package io.contralog.trainer.eval;

import io.contralog.core.event.LogEvent;
import io.contralog.model.session.Sequence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnseenMessageBaselineTest {

    @Test
    void countsMessagesNeverSeenInTrainingExactlyOrWithDigitsMasked() {
        LabeledSequence train = sequence("took 12 ms", "user logged in");
        LabeledSequence test = sequence("took 40 ms", "user logged in", "disk failure");

        UnseenMessageBaseline exact = UnseenMessageBaseline.fit(List.of(train), false);
        UnseenMessageBaseline masked = UnseenMessageBaseline.fit(List.of(train), true);

        assertThat(exact.score(test)).isEqualTo(2);
        assertThat(masked.score(test)).isEqualTo(1);
        assertThat(exact.score(train)).isZero();
        assertThat(masked.name()).isEqualTo("unseen-masked");
    }

    private static LabeledSequence sequence(String... messages) {
        List<LogEvent> events = java.util.stream.IntStream.range(0, messages.length)
            .mapToObj(i -> LogEvent.builder().ts(i).msg(messages[i]).service("s").seq(i).build()).toList();
        return new LabeledSequence(Sequence.of("s", "", events, Sequence.CloseReason.FLUSH), false);
    }
}
