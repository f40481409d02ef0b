package io.contralog.agent.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.contralog.agent.Agent;
import io.contralog.agent.alert.AlertJson;
import io.contralog.agent.alert.Await;
import io.contralog.agent.config.AgentConfig;
import io.contralog.agent.config.ConfigLoader;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueWriter;
import io.contralog.trainer.testing.RequestFlowLogs;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgentPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anomalousRequestRaisesAnExplainedSignedAlert() throws Exception {
        RequestFlowLogs logs = new RequestFlowLogs(11);
        List<LogEvent> events = new ArrayList<>(logs.normal(30));
        List<LogEvent> anomaly = logs.unseenError();
        events.addAll(anomaly);
        String anomalousKey = anomaly.get(0).ctx().get(RequestFlowLogs.KEY);

        try (TestReceiver receiver = new TestReceiver();
             EventQueueWriter writer = EventQueueWriter.open(dir.resolve("queue"))) {
            events.forEach(writer::write);
            AgentConfig config = ConfigLoader.withSystemEnv().load(AgentFixture.config(dir, receiver.url(), ""));
            try (Agent agent = new Agent(config)) {
                agent.start();
                Await.until(WAIT, "the alert of request " + anomalousKey,
                    () -> receiver.bodies().stream().anyMatch(b -> b.contains(anomalousKey)));

                JsonNode data = receiver.bodies().stream().filter(b -> b.contains(anomalousKey)).findFirst()
                    .map(AgentPipelineTest::json).orElseThrow().path("data");
                assertThat(data.path("service").asText()).isEqualTo(RequestFlowLogs.SERVICE);
                assertThat(data.path("messages").toString()).contains("Payment provider rejected");
                assertThat(data.path("score").asDouble()).isGreaterThan(data.path("threshold").asDouble());
                assertThat(data.path("messages").get(0).path("nearestNormal").asText()).isNotEmpty();
                assertThat(receiver.verified()).isTrue();

                String base = "http://127.0.0.1:" + agent.httpPort();
                Await.until(WAIT, "every event read", () -> agent.meters().count("contralog.events.read")
                    == events.size());
                assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
                assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
                String metrics = get(base + "/metrics").body();
                assertThat(metrics).contains("contralog_events_read_total").contains("contralog_anomalies_total")
                    .contains("contralog_inference_seconds").contains("contralog_cache_hit_rate")
                    .contains("contralog_sessions_open");
                assertThat(get(base + "/api/v1/alerts").body()).contains(anomalousKey);
            }
        }
    }

    @Test
    void scoreEndpointExplainsPostedEvents() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            java.nio.file.Files.createDirectories(dir.resolve("queue"));
            AgentConfig config = ConfigLoader.withSystemEnv().load(AgentFixture.config(dir, receiver.url(), ""));
            try (Agent agent = new Agent(config)) {
                agent.start();
                String base = "http://127.0.0.1:" + agent.httpPort();
                HttpResponse<String> ok = post(base + "/api/v1/score", """
                    {"service": "shop", "events": [
                      {"level": "INFO", "logger": "com.shop.web.LoginController", "msg": "Login attempt for user 7"},
                      {"level": "ERROR", "logger": "com.shop.payment.PaymentClient",
                       "msg": "Payment provider rejected the request with status 503",
                       "error": {"class": "java.net.SocketTimeoutException", "message": "Read timed out"}}
                    ]}""");
                assertThat(ok.statusCode()).isEqualTo(200);
                JsonNode answer = json(ok.body());
                assertThat(answer.path("messages")).hasSize(2);
                assertThat(answer.has("anomalous")).isTrue();
                assertThat(answer.path("messages").get(1).path("text").asText()).contains("PaymentClient");

                assertThat(post(base + "/api/v1/score", "{\"lines\": []}").statusCode()).isEqualTo(400);
                assertThat(post(base + "/api/v1/score", "{\"line\": [\"x\"]}").statusCode()).isEqualTo(400);
                assertThat(post(base + "/api/v1/score", "not json").statusCode()).isEqualTo(400);
                assertThat(post(base + "/api/v1/score", "{\"lines\": [\"INFO X: hello\"]}").statusCode())
                    .isEqualTo(200);
            }
        }
    }

    @Test
    void badQueueInputIsCountedAndNeverStopsTheAgent() throws Exception {
        RequestFlowLogs logs = new RequestFlowLogs(12);
        List<LogEvent> events = logs.normal(5);
        try (TestReceiver receiver = new TestReceiver();
             EventQueueWriter writer = EventQueueWriter.open(dir.resolve("queue"))) {
            events.subList(0, 10).forEach(writer::write);
            writer.write(LogEvent.builder().ts(events.get(10).ts()).service("shop").logger("x.Y")
                .msg("z".repeat(5_000_000)).ctx(Map.of(RequestFlowLogs.KEY, "huge")).build());
            writer.write(LogEvent.builder().ts(events.get(10).ts()).service("shop").logger("x.Y")
                .msg("\u0000\uFFFF\uD800 binary \u0007").ctx(Map.of(RequestFlowLogs.KEY, "odd")).build());
            writeForeignDocuments(dir.resolve("queue"), events.get(10).ts());
            events.subList(10, events.size()).forEach(writer::write);
            int expected = events.size() + 3;

            AgentConfig config = ConfigLoader.withSystemEnv().load(AgentFixture.config(dir, receiver.url(), ""));
            try (Agent agent = new Agent(config)) {
                agent.start();
                Await.until(WAIT, "every readable event", () -> agent.meters().count("contralog.events.read")
                    >= expected);
                Await.until(WAIT, "the sessions scored", () -> agent.meters().count("contralog.sequences.scored")
                    >= 7);
                assertThat(agent.meters().count("contralog.events.skipped")).isGreaterThanOrEqualTo(1);
                assertThat(agent.healthy()).isTrue();
                assertThat(agent.finished()).isNotDone();
            }
        }
    }

    @Test
    void boundOnOpenSessionsEvictsAndCountsButStillScoresEveryEvent() throws Exception {
        List<LogEvent> events = new RequestFlowLogs(13).normal(40);
        try (TestReceiver receiver = new TestReceiver();
             EventQueueWriter writer = EventQueueWriter.open(dir.resolve("queue"))) {
            events.forEach(writer::write);
            Path file = AgentFixture.config(dir, receiver.url(), "");
            java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file)
                .replace("  idleTimeout: 300ms", "  idleTimeout: 300ms\n  maxOpen: 2"));
            try (Agent agent = new Agent(ConfigLoader.withSystemEnv().load(file))) {
                agent.start();
                Await.until(WAIT, "every event read", () -> agent.meters().count("contralog.events.read")
                    == events.size());
                Await.until(WAIT, "every session closed", () -> agent.meters().registry()
                    .find("contralog.sessions.open").gauge().value() == 0);
                assertThat(agent.meters().count("contralog.sessions.evicted")).isPositive();
                assertThat(agent.meters().count("contralog.sequences.scored")).isGreaterThanOrEqualTo(40);
            }
        }
    }

    private static void writeForeignDocuments(Path queue, long ts) {
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(queue.toFile()).build();
             ExcerptAppender a = q.createAppender()) {
            a.writeDocument(w -> w.write("v").int32(99).write("ts").int64(ts).write("level").text("WARN")
                .write("logger").text("com.shop.Future").write("msg").text("from a newer writer")
                .write("hologram").text("unknown field").write("service").text("shop")
                .write("ctx").marshallable(m -> m.write(RequestFlowLogs.KEY).text("future")));
            a.writeDocument(w -> w.write("garbage").int32(7));
            a.writeBytes(b -> b.write(new byte[] {1, 2, 3, (byte) 0xff, 0, 42}));
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String body) {
        try {
            return AlertJson.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
