package io.contralog.agent.alert;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One anomalous sequence, explained: where it happened, how far above the threshold it scored, and which
 * messages were unexpected next to the normal message each one most resembles.
 *
 * @param id           stable alert id derived from the sequence id; the {@code webhook-id} of every attempt
 * @param sequenceId   the sequence's stable id
 * @param service      service that logged it
 * @param host         host that logged it
 * @param sessionKey   the session key, or null for a window without key
 * @param start        time of the sequence's first event
 * @param end          time of its last event
 * @param eventCount   events in the sequence
 * @param score        the fused sequence score
 * @param threshold    the threshold it was compared with
 * @param modelVersion the bundle that scored it
 * @param createdAt    when the agent raised the alert
 * @param messages     the most anomalous messages, highest score first
 */
public record Alert(String id, String sequenceId, String service, String host, String sessionKey, Instant start,
                    Instant end, int eventCount, double score, double threshold, String modelVersion,
                    Instant createdAt, List<Message> messages) {

    /** Normalises the message list to an unmodifiable, never-null list. */
    public Alert {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** Returns a copy with every free text (session key, messages, nearest normal texts) passed through {@code f}. */
    public Alert mapTexts(UnaryOperator<String> f) {
        List<Message> mapped = messages.stream().map(m -> m.mapTexts(f)).toList();
        return new Alert(id, sequenceId, service, host, sessionKey == null ? null : f.apply(sessionKey), start, end,
            eventCount, score, threshold, modelVersion, createdAt, mapped);
    }

    /** The most anomalous message's text, or an empty string. */
    public String topText() {
        return messages.isEmpty() ? "" : messages.get(0).text();
    }

    /**
     * One unexpected message of the sequence.
     *
     * @param position      its position in the sequence, from 0
     * @param text          its canonical text
     * @param score         in-context score (1 - cosine of prediction and actual)
     * @param contextFree   context-free score (cosine distance to the nearest normal message)
     * @param nearestNormal text of the nearest normal reference message
     */
    public record Message(int position, String text, double score, double contextFree, String nearestNormal) {

        Message mapTexts(UnaryOperator<String> f) {
            return new Message(position, text == null ? null : f.apply(text), score, contextFree,
                nearestNormal == null ? null : f.apply(nearestNormal));
        }
    }
}
