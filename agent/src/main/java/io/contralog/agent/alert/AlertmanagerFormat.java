package io.contralog.agent.alert;

import io.contralog.agent.config.WebhookConfig;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prometheus Alertmanager's own alert API: {@code POST /api/v2/alerts} with a one-element list, so that
 * Alertmanager groups, routes, inhibits and silences ContraLog alerts like any other.
 *
 * <p>An anomaly is an event, not a state, so {@code endsAt} is set one hour after {@code startsAt}; a repeat
 * with the same labels within that hour merges into the same Alertmanager alert.
 */
final class AlertmanagerFormat implements AlertFormat {

    static final Duration RESOLVE_AFTER = Duration.ofHours(1);
    private static final String PATH = "/api/v2/alerts";

    private final WebhookConfig config;
    private final URI uri;

    AlertmanagerFormat(WebhookConfig config) {
        this.config = config;
        URI base = config.url();
        String path = base.getPath() == null ? "" : base.getPath();
        this.uri = path.endsWith(PATH) ? base : base.resolve(stripSlash(path) + PATH);
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public HttpRequestSpec render(Alert unbounded, long nowSeconds) {
        Alert alert = AlertBounds.apply(unbounded);
        Instant starts = alert.createdAt() == null ? Instant.ofEpochSecond(nowSeconds) : alert.createdAt();
        Map<String, Object> am = new LinkedHashMap<>();
        am.put("labels", labels(alert));
        am.put("annotations", annotations(alert));
        am.put("startsAt", starts.toString());
        am.put("endsAt", starts.plus(RESOLVE_AFTER).toString());
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        headers.put("webhook-id", alert.id());
        return new HttpRequestSpec(uri, headers, AlertJson.bytes(List.of(am)));
    }

    private static Map<String, String> labels(Alert alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "ContraLogAnomaly");
        labels.put("service", alert.service());
        labels.put("host", alert.host());
        labels.put("severity", "warning");
        labels.put("alert_id", alert.id());
        return labels;
    }

    private static Map<String, String> annotations(Alert alert) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("summary", String.format(Locale.ROOT, "Anomalous log sequence in %s (score %.3f > threshold %.3f)",
            alert.service(), alert.score(), alert.threshold()));
        a.put("description", SlackFormat.describe(alert));
        a.put("top_message", alert.topText());
        if (!alert.messages().isEmpty() && alert.messages().get(0).nearestNormal() != null) {
            a.put("nearest_normal", alert.messages().get(0).nearestNormal());
        }
        if (alert.sessionKey() != null) {
            a.put("session_key", alert.sessionKey());
        }
        a.put("score", String.format(Locale.ROOT, "%.4f", alert.score()));
        a.put("threshold", String.format(Locale.ROOT, "%.4f", alert.threshold()));
        a.put("sequence_start", String.valueOf(alert.start()));
        a.put("sequence_end", String.valueOf(alert.end()));
        a.put("model_version", String.valueOf(alert.modelVersion()));
        return a;
    }
}
