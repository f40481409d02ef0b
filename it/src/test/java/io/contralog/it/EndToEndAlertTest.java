package io.contralog.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contralog.samples.webhook.ReceivedAlert;
import io.contralog.samples.webhook.WebhookReceiver;
import io.contralog.samples.webhook.WebhookSignature;
import io.contralog.trainer.testing.TinyBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole product across processes: an application JVM logs through the Logback or the Log4j2 appender into a
 * queue, a real agent process tails it with the shared tiny model, and a webhook receiver on loopback checks
 * each alert's Standard Webhooks signature. One request in the middle of normal traffic fails with an error the
 * model never saw; the alert about that request must arrive, signed, naming the failing message.
 */
class EndToEndAlertTest {

    private static final String SECRET = "whsec_ZW5kLXRvLWVuZC10ZXN0LXNlY3JldC0wMTIzNDU2Nzg5";
    private static final String UNSEEN_MESSAGE = "Payment provider rejected the request with status 503";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private WebhookReceiver receiver;
    private Process agent;
    private Process app;

    @AfterEach
    void stopEverything() throws InterruptedException {
        Jvm.stop(app);
        Jvm.stop(agent);
        if (receiver != null) {
            receiver.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logback", "log4j2"})
    void signedAlertNamesTheUnseenMessage(String framework) throws Exception {
        Path agentJar = Path.of(System.getProperty("contralog.agent.jar", "../agent/target/contralog-agent.jar"));
        Assumptions.assumeTrue(Files.isRegularFile(agentJar),
            "the agent jar " + agentJar + " is missing: run mvn package (or verify) from the root first");
        Path bundle = TinyBundle.get();
        Path queue = Files.createDirectories(work.resolve("queue"));
        receiver = WebhookReceiver.start(new InetSocketAddress("127.0.0.1", 0), WebhookSignature.fromSecret(SECRET),
            alert -> { });

        Path agentLog = work.resolve("agent.log");
        agent = Jvm.start(agentLog, List.of("-Xmx512m", "-jar", agentJar.toString(), "run", "--config",
            writeAgentConfig(queue, bundle).toString()));
        Path appLog = work.resolve("app.log");
        app = Jvm.start(appLog, appArgs(framework, queue));

        Await.until(Duration.ofSeconds(90), () -> !app.isAlive(), () -> "the application did not finish:\n"
            + Jvm.tail(appLog, 30));
        assertThat(app.exitValue()).as("application exit code; its log:\n%s", Jvm.tail(appLog, 30)).isZero();
        String anomalousKey = anomalousRequest(appLog);

        Await.until(Duration.ofSeconds(120), () -> alertAbout(anomalousKey).isPresent(),
            () -> "no alert for request " + anomalousKey + "; " + receiver.alerts().size() + " other alerts, "
                + receiver.rejected() + " refused (" + receiver.lastRejection() + "); agent log:\n"
                + Jvm.tail(agentLog, 40));

        ReceivedAlert received = alertAbout(anomalousKey).orElseThrow();
        JsonNode data = JSON.readTree(received.body()).get("data");
        assertThat(received.verified()).isTrue();
        assertThat(receiver.rejected()).isZero();
        assertThat(data.get("service").asText()).isEqualTo("shop");
        assertThat(data.get("score").asDouble()).isGreaterThan(data.get("threshold").asDouble());
        assertThat(data.get("messages").get(0).get("text").asText()).contains(UNSEEN_MESSAGE);
    }

    private Optional<ReceivedAlert> alertAbout(String key) {
        return receiver.alerts().stream().filter(a -> key.equals(sessionKey(a))).findFirst();
    }

    private static String sessionKey(ReceivedAlert alert) {
        try {
            return JSON.readTree(alert.body()).path("data").path("sessionKey").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> appArgs(String framework, Path queue) {
        return List.of("-Xmx256m", "-Dcontralog.queueDir=" + queue,
            "-Dlogback.configurationFile=" + resource(framework.equals("logback") ? "it-logback.xml"
                : "it-quiet-logback.xml"),
            "-Dlog4j2.configurationFile=" + resource("it-log4j2.xml"),
            "-cp", Jvm.testClassPath(), FlowApp.class.getName(), framework, "300", "11");
    }

    private static String resource(String name) {
        try {
            return Path.of(EndToEndAlertTest.class.getResource("/" + name).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path writeAgentConfig(Path queue, Path bundle) throws IOException {
        String yaml = String.join("\n",
            "queue:",
            "  dir: " + queue,
            "model:",
            "  dir: " + bundle,
            "session:",
            "  idleTimeout: 1s",
            "http:",
            "  bind: 127.0.0.1",
            "  port: 0",
            "state:",
            "  dir: " + work.resolve("state"),
            "alerts:",
            "  warmUp: 0s",
            "  grouping:",
            "    window: 0s",
            "  rateLimit:",
            "    perService: 0",
            "  webhooks:",
            "    - url: http://127.0.0.1:" + receiver.port() + "/alerts",
            "      format: json",
            "      secret: " + SECRET,
            "");
        return Files.writeString(work.resolve("agent.yaml"), yaml);
    }

    private static String anomalousRequest(Path appLog) throws IOException {
        return Files.readAllLines(appLog).stream().filter(l -> l.startsWith(FlowApp.ANOMALY_PREFIX))
            .map(l -> l.substring(FlowApp.ANOMALY_PREFIX.length()).trim()).findFirst()
            .orElseThrow(() -> new AssertionError("the application did not print the anomalous request's id"));
    }
}
