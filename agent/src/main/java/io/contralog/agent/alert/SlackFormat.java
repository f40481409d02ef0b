package io.contralog.agent.alert;

import io.contralog.agent.config.WebhookConfig;

import java.util.Locale;
import java.util.Map;

/** Slack's incoming webhook: one {@code text} message in Slack's markdown. */
final class SlackFormat implements AlertFormat {

    private final WebhookConfig config;

    SlackFormat(WebhookConfig config) {
        this.config = config;
    }

    @Override
    public HttpRequestSpec render(Alert unbounded, long nowSeconds) {
        Alert alert = AlertBounds.apply(unbounded);
        String text = String.format(Locale.ROOT, ":rotating_light: *Anomalous log sequence* in `%s` on `%s`%n",
            alert.service(), alert.host()) + describe(alert);
        return new HttpRequestSpec(config.url(), config.headers(), AlertJson.bytes(Map.of("text", text)));
    }

    /** A plain multi-line explanation shared by the text formats. */
    static String describe(Alert alert) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "score %.3f (threshold %.3f), %d events from %s to %s",
            alert.score(), alert.threshold(), alert.eventCount(), alert.start(), alert.end()));
        if (alert.sessionKey() != null) {
            b.append(", session ").append(alert.sessionKey());
        }
        b.append(", model ").append(alert.modelVersion()).append(", alert ").append(alert.id()).append('\n');
        for (Alert.Message m : alert.messages()) {
            b.append(String.format(Locale.ROOT, "- [%.3f] %s", m.score(), m.text()));
            if (m.nearestNormal() != null) {
                b.append(String.format(Locale.ROOT, "%n    nearest normal (distance %.3f): %s", m.contextFree(),
                    m.nearestNormal()));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
