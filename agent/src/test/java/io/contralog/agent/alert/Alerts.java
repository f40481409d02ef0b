package io.contralog.agent.alert;

import io.contralog.agent.config.AlertsConfig;
import io.contralog.agent.config.WebhookConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Test alerts and configs. */
final class Alerts {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private Alerts() {
    }

    static Alert alert(String service, int n, String top) {
        String seq = service + "/req-" + n + "/" + n;
        Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n);
        List<Alert.Message> messages = List.of(new Alert.Message(3, top, 0.91, 0.7, "INFO Svc request done"),
            new Alert.Message(1, "INFO Svc request started", 0.1, 0.0, "INFO Svc request started"));
        return new Alert(AlertIds.of(seq), seq, service, "host-1", "req-" + n, t, t.plusMillis(250), 7, 2.5, 1.0,
            "tiny-1", Instant.now(), messages);
    }

    static WebhookConfig hook(String name, String url, WebhookConfig.Format format) {
        return new WebhookConfig(name, URI.create(url), format, format == WebhookConfig.Format.JSON ? SECRET : null,
            Duration.ofMillis(300), null, Map.of(), null);
    }

    /** The Standard Webhooks signature of the signed content under {@link #SECRET}, without its "v1," prefix. */
    static String signature(String signed) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    static AlertsConfig config(List<WebhookConfig> hooks) {
        return new AlertsConfig(hooks, Duration.ZERO, 5, 100,
            new AlertsConfig.RetryConfig(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofHours(1)),
            null, new AlertsConfig.GroupingConfig(Duration.ZERO), new AlertsConfig.RateLimitConfig(0, null),
            null, null);
    }
}
