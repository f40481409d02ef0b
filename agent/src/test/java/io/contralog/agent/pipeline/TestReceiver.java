package io.contralog.agent.pipeline;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A webhook receiver on loopback that keeps every body and checks each Standard Webhooks signature. */
final class TestReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> bodies = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private volatile boolean allVerified = true;

    TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
            if (sig == null || !sig.equals("v1," + hmac(id + "." + ts + "." + text))) {
                allVerified = false;
            }
            synchronized (bodies) {
                bodies.add(text);
                arrivals.add(System.nanoTime());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    private static String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(AgentFixture.SECRET.substring(6)), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<String> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    /** {@link System#nanoTime()} at which each body arrived, in the order of {@link #bodies()}. */
    List<Long> arrivals() {
        synchronized (bodies) {
            return List.copyOf(arrivals);
        }
    }

    boolean verified() {
        return allVerified && !bodies().isEmpty();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
