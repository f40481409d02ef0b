package io.contralog.samples.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

    private static final String SECRET = "whsec_c2FtcGxlLXJlY2VpdmVyLXNlY3JldA==";
    private static final String ALERT = "{\"type\":\"contralog.anomaly\",\"timestamp\":\"2026-01-02T03:04:05Z\","
        + "\"data\":{\"service\":\"orders\",\"host\":\"web-1\",\"sessionKey\":\"4f2a\",\"eventCount\":9,"
        + "\"score\":4.25,\"threshold\":1.5,\"messages\":[{\"text\":\"ERROR PaymentClient: Charging order failed\","
        + "\"score\":0.91,\"contextFree\":0.4,"
        + "\"nearestNormal\":\"INFO PaymentClient: Payment authorised in 120 ms\"}]}}";

    private final WebhookSignature signature = WebhookSignature.fromSecret(SECRET);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        AlertPrinter printer = new AlertPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8));
        receiver = WebhookReceiver.start(new InetSocketAddress("127.0.0.1", 0), signature, printer::print);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void acceptsAndPrintsASignedAlert() throws Exception {
        long now = Instant.now().getEpochSecond();
        int status = post("msg_1", now, signature.sign("msg_1", now, ALERT), ALERT);

        assertThat(status).isEqualTo(204);
        assertThat(receiver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.verified()).isTrue();
            assertThat(a.body()).isEqualTo(ALERT);
        });
        assertThat(printed.toString(StandardCharsets.UTF_8))
            .contains("contralog.anomaly", "service orders on web-1", "4.250", "0.910 / 0.400",
                "Charging order failed", "nearest normal: INFO Payment");
    }

    @Test
    void refusesADeliverySignedWithAnotherSecret() throws Exception {
        long now = Instant.now().getEpochSecond();
        String forged = WebhookSignature.fromSecret("whsec_b3RoZXI=").sign("msg_2", now, ALERT);

        assertThat(post("msg_2", now, forged, ALERT)).isEqualTo(401);
        assertThat(receiver.alerts()).isEmpty();
        assertThat(receiver.rejected()).isEqualTo(1);
    }

    @Test
    void marksARetriedDeliveryAsARepeat() throws Exception {
        long now = Instant.now().getEpochSecond();
        String sig = signature.sign("msg_3", now, ALERT);
        post("msg_3", now, sig, ALERT);
        post("msg_3", now, sig, ALERT);

        assertThat(receiver.alerts()).extracting(ReceivedAlert::repeat).containsExactly(false, true);
    }

    private int post(String id, long ts, String sig, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/alerts"))
            .header("content-type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(ts))
            .header("webhook-signature", sig)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
