package io.contralog.trainer.read;

import io.contralog.core.event.LogEvent;

/**
 * One event read from a log, with its anomaly label where the log carries one.
 *
 * @param event     the event, in the same shape the appenders put on the queue
 * @param anomalous true or false where the source labels it (inline or from a labels file), null when unknown
 */
public record LabeledEvent(LogEvent event, Boolean anomalous) {

    /** Returns an event without a label. */
    public static LabeledEvent unlabeled(LogEvent event) {
        return new LabeledEvent(event, null);
    }

    /** Returns whether the source marks this event as anomalous; unknown counts as normal. */
    public boolean isAnomalous() {
        return Boolean.TRUE.equals(anomalous);
    }
}
