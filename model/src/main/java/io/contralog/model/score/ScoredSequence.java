package io.contralog.model.score;

import io.contralog.model.session.Sequence;
import java.util.Comparator;
import java.util.List;

/**
 * The verdict on one sequence: fused score, threshold, features and every message's scores.
 *
 * @param sequence  the sequence scored, or null when scored from bare texts
 * @param score     the fused score
 * @param threshold the threshold it was compared with
 * @param anomalous whether the score is above the threshold
 * @param features  the four features behind the fused score
 * @param messages  per message scores and nearest normal text, in sequence order
 */
public record ScoredSequence(Sequence sequence, double score, double threshold, boolean anomalous,
                             Features features, List<MessageScore> messages) {

    /** Copies the message list. */
    public ScoredSequence {
        messages = List.copyOf(messages);
    }

    /** The {@code n} messages with the highest combined scores, highest first. */
    public List<MessageScore> mostAnomalous(int n) {
        return messages.stream()
            .sorted(Comparator.comparingDouble(MessageScore::combined).reversed()
                .thenComparingInt(MessageScore::position))
            .limit(n)
            .toList();
    }
}
