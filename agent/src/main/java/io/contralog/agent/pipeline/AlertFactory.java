package io.contralog.agent.pipeline;

import io.contralog.agent.alert.Alert;
import io.contralog.agent.alert.AlertIds;
import io.contralog.model.score.MessageScore;
import io.contralog.model.score.ScoredSequence;
import io.contralog.model.session.Sequence;

import java.time.Instant;
import java.util.List;

/** Turns an anomalous scored sequence into an alert that explains itself. */
final class AlertFactory {

    private final int topMessages;

    AlertFactory(int topMessages) {
        this.topMessages = topMessages;
    }

    Alert build(ScoredSequence scored, String modelVersion) {
        Sequence s = scored.sequence();
        List<Alert.Message> messages = scored.mostAnomalous(topMessages).stream().map(AlertFactory::message).toList();
        String host = s.events().get(0).host();
        return new Alert(AlertIds.of(s.id()), s.id(), s.service(), host, s.key().isEmpty() ? null : s.key(),
            instant(s.startTs()), instant(s.endTs()), s.size(), scored.score(), scored.threshold(), modelVersion,
            Instant.now(), messages);
    }

    private static Alert.Message message(MessageScore m) {
        return new Alert.Message(m.position(), m.text(), m.inContext(), m.contextFree(), m.nearestNormal());
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
            Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
