package io.contralog.agent.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.contralog.agent.config.AlertsConfig;
import io.contralog.agent.config.WebhookConfig;
import io.contralog.agent.metrics.AgentMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.contralog.agent.alert.Alerts.alert;
import static io.contralog.agent.alert.Alerts.config;
import static io.contralog.agent.alert.Alerts.hook;
import static org.assertj.core.api.Assertions.assertThat;

class AlertDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path state;

    private final AgentMetrics metrics = new AgentMetrics();

    @Test
    void jsonAlertArrivesSignedAsStandardWebhooksSays() throws Exception {
        try (Receiver r = new Receiver();
             AlertDispatcher d = new AlertDispatcher(config(List.of(hook("ops", r.url("/hook"),
                 WebhookConfig.Format.JSON))), state, metrics)) {
            Alert a = alert("checkout", 1, "ERROR Db connection refused");
            assertThat(d.offer(a)).isEqualTo("send");
            Await.until(WAIT, "the alert", () -> r.accepted().size() == 1);

            Receiver.Hit hit = r.accepted().get(0);
            String id = hit.header("webhook-id");
            String ts = hit.header("webhook-timestamp");
            assertThat(id).isEqualTo(a.id());
            assertThat(hit.header("webhook-signature"))
                .isEqualTo("v1," + Alerts.signature(id + "." + ts + "." + hit.body()));
            JsonNode body = AlertJson.MAPPER.readTree(hit.body());
            assertThat(body.path("type").asText()).isEqualTo("contralog.anomaly");
            assertThat(body.path("data").path("messages").get(0).path("text").asText())
                .isEqualTo("ERROR Db connection refused");
            assertThat(body.path("data").path("messages").get(0).path("nearestNormal").asText())
                .isEqualTo("INFO Svc request done");
            assertThat(body.path("data").path("sessionKey").asText()).isEqualTo("req-1");
            Await.until(WAIT, "the sent counter", () -> metrics.count("contralog.alerts.sent", "sink", "ops") == 1);
        }
    }

    @Test
    void failingReceiverLosesNothingKeepsOrderPerServiceAndReusesTheId() throws Exception {
        try (Receiver r = new Receiver();
             AlertDispatcher d = new AlertDispatcher(config(List.of(hook("ops", r.url("/"),
                 WebhookConfig.Format.JSON))), state, metrics)) {
            r.behave(n -> switch (n % 4) {
                case 1 -> new Receiver.Answer(500, null, 0);
                case 2 -> new Receiver.Answer(429, "0", 0);
                case 3 -> new Receiver.Answer(503, null, 400);
                default -> Receiver.Answer.ok();
            });
            List<Alert> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Alert a = alert(i % 2 == 0 ? "a" : "b", i, "ERROR boom " + i);
                sent.add(a);
                d.offer(a);
            }
            Await.until(WAIT, "every alert", () -> r.accepted().size() == 8);

            assertThat(r.accepted().stream().map(h -> h.header("webhook-id")).collect(Collectors.toSet()))
                .hasSize(8).containsExactlyInAnyOrderElementsOf(sent.stream().map(Alert::id).toList());
            Set<String> attempted = r.hits().stream().map(h -> h.header("webhook-id")).collect(Collectors.toSet());
            assertThat(attempted).hasSize(8);
            for (String service : List.of("a", "b")) {
                List<String> expected = sent.stream().filter(a -> a.service().equals(service)).map(Alert::id).toList();
                List<String> got = r.accepted().stream().map(this::data)
                    .filter(n -> n.path("service").asText().equals(service)).map(n -> n.path("id").asText()).toList();
                assertThat(got).containsExactlyElementsOf(expected);
            }
            assertThat(r.hits().size()).isGreaterThan(8);
        }
    }

    private JsonNode data(Receiver.Hit h) {
        try {
            return AlertJson.MAPPER.readTree(h.body()).path("data");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        try (Receiver r = new Receiver();
             AlertDispatcher d = new AlertDispatcher(config(List.of(hook("ops", r.url("/"),
                 WebhookConfig.Format.JSON))), state, metrics)) {
            r.behave(n -> n == 1 ? new Receiver.Answer(429, "1", 0) : Receiver.Answer.ok());
            long start = System.nanoTime();
            d.offer(alert("a", 1, "ERROR x"));
            Await.until(WAIT, "the alert", () -> r.accepted().size() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @Test
    void clientErrorIsNotRetriedAndIsKeptAsFailed() throws Exception {
        try (Receiver r = new Receiver();
             AlertDispatcher d = new AlertDispatcher(config(List.of(hook("ops", r.url("/"),
                 WebhookConfig.Format.JSON))), state, metrics)) {
            r.behave(n -> n == 1 ? new Receiver.Answer(400, null, 0) : Receiver.Answer.ok());
            d.offer(alert("a", 1, "ERROR refused"));
            d.offer(alert("a", 2, "ERROR next"));
            Await.until(WAIT, "the second alert", () -> r.accepted().size() == 1);

            assertThat(r.hits()).hasSize(2);
            assertThat(metrics.count("contralog.alerts.failed", "sink", "ops")).isEqualTo(1);
            try (var files = Files.list(state.resolve("spool/ops/failed"))) {
                assertThat(files.count()).isEqualTo(1);
            }
        }
    }

    @Test
    void spoolSurvivesARestartWhileTheReceiverIsDown() throws Exception {
        int port;
        try (Receiver probe = new Receiver()) {
            port = probe.port();
        }
        AlertsConfig cfg = config(List.of(hook("ops", "http://127.0.0.1:" + port + "/", WebhookConfig.Format.JSON)));
        List<String> ids = new ArrayList<>();
        try (AlertDispatcher d = new AlertDispatcher(cfg, state, metrics)) {
            for (int i = 0; i < 5; i++) {
                Alert a = alert("a", i, "ERROR down " + i);
                ids.add(a.id());
                d.offer(a);
            }
            Await.until(WAIT, "a failed attempt", () -> metrics.count("contralog.alerts.retried", "sink", "ops") > 0);
        }
        try (AlertDispatcher d = new AlertDispatcher(cfg, state, new AgentMetrics())) {
            assertThat(d.pending()).isEqualTo(5);
            assertThat(d.offer(alert("a", 0, "ERROR down 0"))).isEqualTo("duplicate");
            try (Receiver r = new Receiver(port)) {
                Await.until(WAIT, "every spooled alert", () -> r.accepted().size() == 5);
                assertThat(r.accepted().stream().map(h -> h.header("webhook-id")).toList())
                    .containsExactlyElementsOf(ids);
            }
        }
    }

    @Test
    void slowReceiverTimesOutAndIsRetried() throws Exception {
        try (Receiver r = new Receiver();
             AlertDispatcher d = new AlertDispatcher(config(List.of(hook("ops", r.url("/"),
                 WebhookConfig.Format.JSON))), state, metrics)) {
            r.behave(n -> n == 1 ? new Receiver.Answer(200, null, 800) : Receiver.Answer.ok());
            d.offer(alert("a", 1, "ERROR slow"));
            Await.until(WAIT, "a second attempt", () -> r.hits().size() >= 2);
            Set<String> ids = new HashSet<>();
            r.hits().forEach(h -> ids.add(h.header("webhook-id")));
            assertThat(ids).hasSize(1);
        }
    }

    @Test
    void alertmanagerAndSlackGetTheirOwnFormats() throws Exception {
        try (Receiver r = new Receiver();
             AlertDispatcher d = new AlertDispatcher(config(List.of(
                 hook("am", r.url("/"), WebhookConfig.Format.ALERTMANAGER),
                 hook("slack", r.url("/services/T0/B0/x"), WebhookConfig.Format.SLACK))), state, metrics)) {
            d.offer(alert("checkout", 1, "ERROR Db connection refused"));
            Await.until(WAIT, "both deliveries", () -> r.accepted().size() == 2);

            Receiver.Hit am = r.accepted().stream().filter(h -> h.path().equals("/api/v2/alerts")).findFirst()
                .orElseThrow();
            JsonNode list = AlertJson.MAPPER.readTree(am.body());
            assertThat(list.isArray()).isTrue();
            assertThat(list.get(0).path("labels").path("alertname").asText()).isEqualTo("ContraLogAnomaly");
            assertThat(list.get(0).path("labels").path("service").asText()).isEqualTo("checkout");
            assertThat(list.get(0).path("annotations").path("top_message").asText())
                .isEqualTo("ERROR Db connection refused");
            assertThat(list.get(0).has("startsAt")).isTrue();
            assertThat(list.get(0).has("endsAt")).isTrue();

            Receiver.Hit slack = r.accepted().stream().filter(h -> h.path().startsWith("/services")).findFirst()
                .orElseThrow();
            assertThat(AlertJson.MAPPER.readTree(slack.body()).path("text").asText())
                .contains("checkout").contains("ERROR Db connection refused").contains("nearest normal");
        }
    }

    @Test
    void redactionMasksEveryTextThatLeaves() throws Exception {
        AlertsConfig base = config(List.of());
        try (Receiver r = new Receiver()) {
            AlertsConfig cfg = new AlertsConfig(List.of(hook("ops", r.url("/"), WebhookConfig.Format.JSON)),
                null, null, null, base.retry(), null, base.grouping(), base.rateLimit(), null,
                List.of(new AlertsConfig.RedactRule("password=\\S+", "password=***"),
                    new AlertsConfig.RedactRule("[\\w.]+@[\\w.]+", null)));
            try (AlertDispatcher d = new AlertDispatcher(cfg, state, metrics)) {
                d.offer(alert("a", 1, "WARN login failed for bob@example.org password=hunter2"));
                Await.until(WAIT, "the alert", () -> r.accepted().size() == 1);
                String body = r.accepted().get(0).body();
                assertThat(body).doesNotContain("hunter2").doesNotContain("bob@example.org")
                    .contains("password=***").contains("[REDACTED]");
                assertThat(d.recent().get(0).topText()).doesNotContain("hunter2");
                assertThat(new String(Files.readAllBytes(state.resolve("alerted.log")), StandardCharsets.UTF_8))
                    .doesNotContain("hunter2");
            }
        }
    }

    @Test
    void alertsGoThroughTheConfiguredProxy() throws Exception {
        try (Receiver r = new Receiver(); ConnectProxy proxy = new ConnectProxy()) {
            WebhookConfig h = hook("ops", r.url("/"), WebhookConfig.Format.JSON);
            h = new WebhookConfig(h.name(), h.url(), h.format(), h.secret(), Duration.ofSeconds(5),
                java.net.URI.create("http://127.0.0.1:" + proxy.port()), Map.of(), null);
            try (AlertDispatcher d = new AlertDispatcher(config(List.of(h)), state, metrics)) {
                d.offer(alert("a", 1, "ERROR via proxy"));
                Await.until(WAIT, "the alert", () -> r.accepted().size() == 1);
                assertThat(proxy.targets()).contains("127.0.0.1:" + r.port());
            }
        }
    }

    @Test
    void headersFromConfigAreSent() throws Exception {
        try (Receiver r = new Receiver()) {
            WebhookConfig h = hook("ops", r.url("/"), WebhookConfig.Format.JSON);
            h = new WebhookConfig(h.name(), h.url(), h.format(), h.secret(), h.timeout(), null,
                Map.of("Authorization", "Bearer t0k"), null);
            try (AlertDispatcher d = new AlertDispatcher(config(List.of(h)), state, metrics)) {
                d.offer(alert("a", 1, "ERROR x"));
                Await.until(WAIT, "the alert", () -> r.accepted().size() == 1);
                assertThat(r.accepted().get(0).header("Authorization")).isEqualTo("Bearer t0k");
            }
        }
    }
}
