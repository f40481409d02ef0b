package io.contralog.agent.alert;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A real HTTP receiver on loopback whose answer to each attempt a test programs. */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Hit(String path, Map<String, List<String>> headers, String body, int status) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** The answer to one attempt: a status, an optional Retry-After and a delay before answering. */
    record Answer(int status, String retryAfter, long delayMillis) {
        static Answer ok() {
            return new Answer(200, null, 0);
        }
    }

    private final HttpServer server;
    private final List<Hit> hits = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile IntFunction<Answer> behaviour = n -> Answer.ok();

    Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer a = behaviour.apply(attempts.incrementAndGet());
            if (a.delayMillis() > 0) {
                try {
                    Thread.sleep(a.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (hits) {
                hits.add(new Hit(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8), a.status()));
            }
            if (a.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", a.retryAfter());
            }
            exchange.sendResponseHeaders(a.status(), -1);
            exchange.close();
        });
        server.start();
    }

    Receiver() throws IOException {
        this(0);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    void behave(IntFunction<Answer> b) {
        this.behaviour = b;
    }

    List<Hit> hits() {
        synchronized (hits) {
            return List.copyOf(hits);
        }
    }

    List<Hit> accepted() {
        return hits().stream().filter(h -> h.status() >= 200 && h.status() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
