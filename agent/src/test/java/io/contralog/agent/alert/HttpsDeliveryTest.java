package io.contralog.agent.alert;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.contralog.agent.config.WebhookConfig;
import io.contralog.agent.metrics.AgentMetrics;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.contralog.agent.alert.Alerts.alert;
import static io.contralog.agent.alert.Alerts.config;
import static org.assertj.core.api.Assertions.assertThat;

class HttpsDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path certs;

    private static TestCertificate loopback;
    private static TestCertificate otherHost;

    @TempDir
    Path state;

    private final AgentMetrics metrics = new AgentMetrics();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void certificates() throws IOException {
        loopback = TestCertificate.generate(certs, "ip:127.0.0.1,dns:localhost");
        otherHost = TestCertificate.generate(certs, "dns:example.invalid");
    }

    @BeforeEach
    void captureDeliveryLog() {
        log.start();
        deliveryLogger().addAppender(log);
    }

    @AfterEach
    void releaseDeliveryLog() {
        deliveryLogger().detachAppender(log);
    }

    private static Logger deliveryLogger() {
        return (Logger) LoggerFactory.getLogger(SinkDelivery.class);
    }

    private List<String> logLines() {
        synchronized (log) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static WebhookConfig https(String url, Path caFile) {
        return new WebhookConfig("ops", URI.create(url), WebhookConfig.Format.JSON, Alerts.SECRET,
            Duration.ofSeconds(5), null, Map.of(), caFile);
    }

    @Test
    void alertArrivesSignedOverHttpsWhenCaFileTrustsTheReceiver() throws Exception {
        Path ca = loopback.writePem(certs.resolve("loopback.pem"));
        try (HttpsReceiver r = new HttpsReceiver(loopback);
             AlertDispatcher d = new AlertDispatcher(config(List.of(https(r.url("/hook"), ca))), state, metrics)) {
            Alert a = alert("checkout", 1, "ERROR Db connection refused");
            d.offer(a);
            Await.until(WAIT, "the alert over https", () -> r.hits().size() == 1);

            Receiver.Hit hit = r.hits().get(0);
            assertThat(hit.path()).isEqualTo("/hook");
            assertThat(hit.header("webhook-id")).isEqualTo(a.id());
            assertThat(hit.header("webhook-signature")).isEqualTo("v1," + Alerts.signature(
                a.id() + "." + hit.header("webhook-timestamp") + "." + hit.body()));
            assertThat(AlertJson.MAPPER.readTree(hit.body()).path("data").path("id").asText()).isEqualTo(a.id());
            Await.until(WAIT, "the sent counter", () -> metrics.count("contralog.alerts.sent", "sink", "ops") == 1);
        }
    }

    @Test
    void certificateForAnotherHostIsRefusedKeptAndRetried() throws Exception {
        Path ca = otherHost.writePem(certs.resolve("other-host.pem"));
        try (HttpsReceiver r = new HttpsReceiver(otherHost);
             AlertDispatcher d = new AlertDispatcher(config(List.of(https(r.url("/hook"), ca))), state, metrics)) {
            d.offer(alert("checkout", 1, "ERROR Db connection refused"));
            Await.until(WAIT, "a second failed attempt",
                () -> metrics.count("contralog.alerts.retried", "sink", "ops") >= 2);

            assertThat(r.hits()).isEmpty();
            assertThat(metrics.count("contralog.alerts.sent", "sink", "ops")).isZero();
            assertThat(d.pending()).isEqualTo(1);
            assertThat(logLines()).anySatisfy(line -> assertThat(line).contains("Destination 'ops'")
                .contains("TLS handshake with 127.0.0.1 failed").contains("127.0.0.1 found")
                .contains("must name that host").contains(ca.toString()));
        }
        try (var spooled = Files.list(state.resolve("spool/ops"))) {
            assertThat(spooled.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    @Test
    void withoutCaFileAPrivateCertificateIsRefusedByTheJvmTrustStore() throws Exception {
        try (HttpsReceiver r = new HttpsReceiver(loopback);
             AlertDispatcher d = new AlertDispatcher(config(List.of(https(r.url("/hook"), null))), state, metrics)) {
            d.offer(alert("checkout", 1, "ERROR Db connection refused"));
            Await.until(WAIT, "a failed attempt", () -> metrics.count("contralog.alerts.retried", "sink", "ops") >= 1);

            assertThat(r.hits()).isEmpty();
            assertThat(d.pending()).isEqualTo(1);
            assertThat(logLines()).anySatisfy(line -> assertThat(line).contains("Destination 'ops'")
                .contains("TLS handshake with 127.0.0.1 failed").contains("the JVM's trust store"));
        }
    }

    @Test
    void hostnameVerificationIsOnWithAndWithoutCaFile() throws IOException {
        Path ca = loopback.writePem(certs.resolve("verify.pem"));
        for (Path caFile : new Path[] {ca, null}) {
            var engine = ClientTls.forWebhook(https("https://127.0.0.1:9/", caFile))
                .newEngine(ByteBufAllocator.DEFAULT, "127.0.0.1", 9);
            assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        }
    }
}
