package io.contralog.agent.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.contralog.agent.config.AlertsConfig;
import io.contralog.agent.config.WebhookConfig;
import io.contralog.agent.metrics.AgentMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertBoundsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CARD = "4111111111111111";
    private static final int SLACK_TEXT_LIMIT = 40_000;

    @TempDir
    Path state;

    @Test
    void hugeMessagesAreCutInEveryFormatAndInTheRecentListAfterRedaction() throws Exception {
        try (Receiver r = new Receiver();
             AlertDispatcher d = new AlertDispatcher(config(r), state, new AgentMetrics())) {
            d.offer(hugeAlert());
            Await.until(WAIT, "the alert at all three receivers", () -> r.accepted().size() == 3);

            for (Receiver.Hit hit : r.accepted()) {
                assertThat(hit.body()).doesNotContain(CARD.substring(0, 6));
            }
            checkJson(AlertJson.MAPPER.readTree(body(r, "/json")));
            checkJson(AlertJson.MAPPER.readTree(AlertJson.bytes(Map.of("data", d.recent().get(0)))));
            checkAlertmanager(AlertJson.MAPPER.readTree(body(r, "/am/api/v2/alerts")).get(0));
            checkSlack(AlertJson.MAPPER.readTree(body(r, "/slack")).path("text").asText());
        }
    }

    @Test
    void shortTextIsLeftAsItIsAndALongOneEndsWithAnEllipsisOnACodePointBoundary() {
        assertThat(AlertBounds.cut("ERROR Db connection refused")).isEqualTo("ERROR Db connection refused");
        String exact = "x".repeat(AlertBounds.MAX_TEXT_CHARS);
        assertThat(AlertBounds.cut(exact)).isSameAs(exact);

        String cut = AlertBounds.cut("x".repeat(AlertBounds.MAX_TEXT_CHARS + 1));
        assertThat(cut).hasSize(AlertBounds.MAX_TEXT_CHARS).endsWith("x…");

        String emojiAtCut = AlertBounds.cut("x".repeat(AlertBounds.MAX_TEXT_CHARS - 2) + "\ud83d\ude00" + "tail");
        assertThat(emojiAtCut).hasSize(AlertBounds.MAX_TEXT_CHARS - 1).endsWith("x…");
    }

    private static void checkJson(JsonNode body) {
        JsonNode messages = body.path("data").path("messages");
        assertThat(messages).hasSize(AlertBounds.MAX_MESSAGES);
        for (JsonNode m : messages) {
            assertBounded(m.path("text").asText());
            assertBounded(m.path("nearestNormal").asText());
        }
        assertBounded(body.path("data").path("sessionKey").asText());
        assertThat(messages.get(0).path("text").asText()).startsWith("ERROR Orders ")
            .endsWith(" card [REDACTED…");
    }

    private static void checkAlertmanager(JsonNode alert) {
        JsonNode annotations = alert.path("annotations");
        assertBounded(annotations.path("top_message").asText());
        assertBounded(annotations.path("nearest_normal").asText());
        assertBounded(annotations.path("session_key").asText());
        assertThat(annotations.path("description").asText().split("\n- \\[")).hasSize(AlertBounds.MAX_MESSAGES + 1);
        assertThat(annotations.toString()).hasSizeLessThan(SLACK_TEXT_LIMIT);
    }

    private static void checkSlack(String text) {
        assertThat(text.split("\n- \\[")).hasSize(AlertBounds.MAX_MESSAGES + 1);
        assertThat(text).hasSizeLessThan(SLACK_TEXT_LIMIT).contains("…\n    nearest normal");
    }

    private static void assertBounded(String text) {
        assertThat(text).hasSizeLessThanOrEqualTo(AlertBounds.MAX_TEXT_CHARS).endsWith("…");
    }

    private static String body(Receiver r, String path) {
        return r.accepted().stream().filter(h -> h.path().equals(path)).findFirst().orElseThrow().body();
    }

    private static AlertsConfig config(Receiver r) {
        List<WebhookConfig> hooks = List.of(Alerts.hook("json", r.url("/json"), WebhookConfig.Format.JSON),
            Alerts.hook("am", r.url("/am"), WebhookConfig.Format.ALERTMANAGER),
            Alerts.hook("slack", r.url("/slack"), WebhookConfig.Format.SLACK));
        return new AlertsConfig(hooks, Duration.ZERO, 5, 100, null, null,
            new AlertsConfig.GroupingConfig(Duration.ZERO), new AlertsConfig.RateLimitConfig(0, null), null,
            List.of(new AlertsConfig.RedactRule("\\d{16}", null)));
    }

    /** An alert whose every text is a 20 KB exception chain, the first with a card number across the cut. */
    private static Alert hugeAlert() {
        String prefix = "ERROR Orders ";
        String head = prefix + "x".repeat(AlertBounds.MAX_TEXT_CHARS - 10 - prefix.length() - " card ".length())
            + " card " + CARD + " ";
        List<Alert.Message> messages = new ArrayList<>();
        for (int i = 0; i < AlertBounds.MAX_MESSAGES + 5; i++) {
            String text = (i == 0 ? head : prefix + i + " ") + springChain();
            messages.add(new Alert.Message(i, text, 0.9 - i / 100.0, 0.5, "INFO Orders " + springChain()));
        }
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Alert(AlertIds.of("orders/big/1"), "orders/big/1", "orders", "host-1", "k".repeat(5_000)
            + "\ud83d\ude00", t, t.plusSeconds(1), 40, 3.0, 1.0, "tiny-1", Instant.now(), messages);
    }

    private static String springChain() {
        StringBuilder b = new StringBuilder("org.springframework.beans.factory.BeanCreationException: "
            + "Error creating bean with name 'orderService' \ud83d\ude00");
        while (b.length() < 20_000) {
            b.append(" Caused by: org.springframework.beans.factory.UnsatisfiedDependencyException: Error creating ")
                .append("bean with name 'paymentClient': Unsatisfied dependency expressed through constructor ")
                .append("parameter 0\n\tat org.springframework.beans.factory.support.ConstructorResolver")
                .append(".createArgumentArray(ConstructorResolver.java:").append(b.length()).append(')');
        }
        return b.toString();
    }
}
