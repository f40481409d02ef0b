package io.contralog.agent.alert;

import io.contralog.agent.config.AlertsConfig;

import java.util.List;

/**
 * Caps on what one alert carries on the wire, so that a message holding a long exception chain cannot make a
 * body that a receiver rejects or cuts (Slack keeps at most 40,000 characters of a message).
 *
 * <p>The formats and the list of recent alerts apply these after redaction: cutting first could split a secret
 * so that its pattern no longer matches the part left in the alert. The spool keeps the whole texts.
 */
public final class AlertBounds {

    /** Most characters of one free text (message, nearest normal text, session key), the ellipsis included. */
    public static final int MAX_TEXT_CHARS = 1_000;

    /** Most messages one alert explains, the bound of {@code alerts.topMessages}. */
    public static final int MAX_MESSAGES = AlertsConfig.MAX_TOP_MESSAGES;

    static final String ELLIPSIS = "…";

    private AlertBounds() {
    }

    /** Returns the alert with at most {@link #MAX_MESSAGES} messages and every free text cut to the bound. */
    static Alert apply(Alert alert) {
        List<Alert.Message> messages = alert.messages();
        Alert fewer = messages.size() <= MAX_MESSAGES ? alert : new Alert(alert.id(), alert.sequenceId(),
            alert.service(), alert.host(), alert.sessionKey(), alert.start(), alert.end(), alert.eventCount(),
            alert.score(), alert.threshold(), alert.modelVersion(), alert.createdAt(),
            messages.subList(0, MAX_MESSAGES));
        return fewer.mapTexts(AlertBounds::cut);
    }

    /** Cuts a text longer than the bound on a code-point boundary and ends it with an ellipsis. */
    static String cut(String text) {
        if (text.length() <= MAX_TEXT_CHARS) {
            return text;
        }
        int end = MAX_TEXT_CHARS - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
