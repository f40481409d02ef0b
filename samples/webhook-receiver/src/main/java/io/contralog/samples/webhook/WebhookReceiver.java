package io.contralog.samples.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP endpoint that accepts webhook deliveries on any path: 204 for a genuine one, 401 when its signature
 * does not verify, 405 for anything but POST. With no secret it accepts everything and marks it unverified.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final HttpServer server;
    private final WebhookSignature signature;
    private final Listener listener;
    private final List<ReceivedAlert> alerts = new CopyOnWriteArrayList<>();
    private final Set<String> seenIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile String lastRejection;

    private WebhookReceiver(HttpServer server, WebhookSignature signature, Listener listener) {
        this.server = server;
        this.signature = signature;
        this.listener = listener;
    }

    /**
     * Starts listening; port 0 picks a free one.
     *
     * @param signature the verifier, or null to accept unsigned deliveries
     * @param listener told of every delivery, on the server's thread
     */
    public static WebhookReceiver start(InetSocketAddress address, WebhookSignature signature,
                                        Listener listener) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        WebhookReceiver receiver = new WebhookReceiver(server, signature, listener);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return receiver;
    }

    /** The port the receiver listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Accepted deliveries in arrival order, repeats included. */
    public List<ReceivedAlert> alerts() {
        return List.copyOf(alerts);
    }

    /** Deliveries refused for a bad or missing signature. */
    public int rejected() {
        return rejected.get();
    }

    /** Why the last refused delivery was refused, or null. */
    public String lastRejection() {
        return lastRejection;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String body = readBody(exchange.getRequestBody());
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String problem = signature == null ? null : signature.problem(id, timestamp,
                exchange.getRequestHeaders().getFirst("webhook-signature"), body, Instant.now());
            if (problem != null) {
                rejected.incrementAndGet();
                lastRejection = problem;
                listener.rejected(problem);
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            boolean repeat = id != null && !seenIds.add(id);
            ReceivedAlert alert = new ReceivedAlert(id, timestamp, body, signature != null, repeat, Instant.now());
            alerts.add(alert);
            listener.accepted(alert);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** What the receiver tells its owner about each delivery. */
    public interface Listener {

        void accepted(ReceivedAlert alert);

        default void rejected(String reason) {
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
