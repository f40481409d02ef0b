package io.contralog.agent.alert;

import io.contralog.agent.config.WebhookConfig;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generic JSON webhook: {@code {"type": "contralog.anomaly", "timestamp": ..., "data": alert}}, signed as
 * Standard Webhooks says when a secret is configured; {@code webhook-id} is the alert id on every attempt.
 */
final class JsonWebhookFormat implements AlertFormat {

    static final String TYPE = "contralog.anomaly";

    private final WebhookConfig config;
    private final WebhookSigner signer;

    JsonWebhookFormat(WebhookConfig config) {
        this.config = config;
        this.signer = config.secret() == null ? null : new WebhookSigner(config.secret());
    }

    @Override
    public HttpRequestSpec render(Alert unbounded, long nowSeconds) {
        Alert alert = AlertBounds.apply(unbounded);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", TYPE);
        payload.put("timestamp", alert.createdAt() == null ? Instant.ofEpochSecond(nowSeconds) : alert.createdAt());
        payload.put("data", alert);
        byte[] body = AlertJson.bytes(payload);
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        headers.put("webhook-id", alert.id());
        headers.put("webhook-timestamp", Long.toString(nowSeconds));
        if (signer != null) {
            headers.put("webhook-signature", signer.sign(alert.id(), nowSeconds, body));
        }
        return new HttpRequestSpec(config.url(), headers, body);
    }
}
