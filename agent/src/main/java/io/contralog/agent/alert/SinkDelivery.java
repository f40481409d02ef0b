package io.contralog.agent.alert;

import io.contralog.agent.config.AlertsConfig.RetryConfig;
import io.contralog.agent.config.WebhookConfig;
import io.contralog.agent.metrics.AgentMetrics;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Delivers one destination's spooled alerts, in order per service, until each is taken, refused or expired.
 *
 * <p>Implementation notes: one thread per destination. Each service has its own queue, and only its head is
 * ever in flight, so a later alert of a service never overtakes an earlier one; services do not wait for each
 * other's backoff. A failed attempt (connection error, timeout, 408, 429, 5xx) waits an exponential backoff
 * with jitter, or the receiver's Retry-After when that is longer, and tries the same alert again with the
 * same {@code webhook-id}. Any other 4xx is final: the alert moves to {@code failed/} and counts as failed.
 * The spool's byte bound drops the oldest alert that is not in flight, counted as dropped.
 */
final class SinkDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkDelivery.class);

    private final WebhookConfig config;
    private final AlertFormat format;
    private final AlertSpool spool;
    private final NettyHttpSender sender;
    private final SslContext ssl;
    private final RetryConfig retry;
    private final long maxBytes;
    private final AgentMetrics metrics;
    private final Map<String, ArrayDeque<AlertSpool.Entry>> queues = new LinkedHashMap<>();
    private final Map<String, Backoff> backoffs = new LinkedHashMap<>();
    private final Set<String> pendingIds = new HashSet<>();
    private final Thread worker;
    private long bytes;
    private AlertSpool.Entry inFlight;
    private volatile boolean running = true;

    SinkDelivery(WebhookConfig config, AlertSpool spool, NettyHttpSender sender, RetryConfig retry, long maxBytes,
                 AgentMetrics metrics) throws IOException {
        this.config = config;
        this.format = AlertFormat.of(config);
        this.spool = spool;
        this.sender = sender;
        this.ssl = ClientTls.forWebhook(config);
        this.retry = retry;
        this.maxBytes = maxBytes;
        this.metrics = metrics;
        List<AlertSpool.Entry> loaded = spool.load();
        for (AlertSpool.Entry e : loaded) {
            index(e);
        }
        if (!loaded.isEmpty()) {
            LOG.info("Alert destination '{}': {} undelivered alerts found in the spool; delivering them first",
                config.name(), loaded.size());
        }
        this.worker = new Thread(this::loop, "contralog-alerts-" + config.name());
        this.worker.setDaemon(true);
    }

    void start() {
        worker.start();
    }

    /** Whether the alert is waiting here already (it was spooled before a crash). */
    synchronized boolean holds(String alertId) {
        return pendingIds.contains(alertId);
    }

    synchronized int pending() {
        return pendingIds.size();
    }

    /** Spools the alert durably; returns once it is on disk. */
    synchronized void enqueue(Alert alert) throws IOException {
        if (pendingIds.contains(alert.id())) {
            return;
        }
        AlertSpool.Entry e = spool.append(alert);
        index(e);
        metrics.alertSpooled();
        while (bytes > maxBytes && dropOldest()) {
            LOG.warn("Alert spool of '{}' is over its bound of {} bytes; dropped its oldest alert", config.name(),
                maxBytes);
        }
        notifyAll();
    }

    private void index(AlertSpool.Entry e) {
        queues.computeIfAbsent(e.alert().service(), s -> new ArrayDeque<>()).add(e);
        pendingIds.add(e.alert().id());
        bytes += e.size();
        metrics.alertsPending(1);
    }

    private boolean dropOldest() throws IOException {
        AlertSpool.Entry oldest = queues.values().stream().flatMap(ArrayDeque::stream).filter(e -> e != inFlight)
            .min(Comparator.comparingLong(AlertSpool.Entry::seq)).orElse(null);
        if (oldest == null) {
            return false;
        }
        spool.remove(oldest);
        unindex(oldest);
        metrics.alertDropped("spool_full");
        return true;
    }

    private void unindex(AlertSpool.Entry e) {
        ArrayDeque<AlertSpool.Entry> q = queues.get(e.alert().service());
        q.remove(e);
        if (q.isEmpty()) {
            queues.remove(e.alert().service());
            backoffs.remove(e.alert().service());
        }
        pendingIds.remove(e.alert().id());
        bytes -= e.size();
        metrics.alertsPending(-1);
    }

    private void loop() {
        while (running) {
            AlertSpool.Entry next;
            try {
                next = awaitReady();
            } catch (InterruptedException e) {
                return;
            }
            if (next != null) {
                attempt(next);
            }
        }
    }

    private synchronized AlertSpool.Entry awaitReady() throws InterruptedException {
        long now = System.nanoTime();
        long wait = Long.MAX_VALUE;
        AlertSpool.Entry best = null;
        for (Map.Entry<String, ArrayDeque<AlertSpool.Entry>> q : queues.entrySet()) {
            Backoff b = backoffs.get(q.getKey());
            long dueIn = b == null ? 0 : b.nextAtNanos - now;
            if (dueIn <= 0) {
                AlertSpool.Entry head = q.getValue().peekFirst();
                if (best == null || head.seq() < best.seq()) {
                    best = head;
                }
            } else {
                wait = Math.min(wait, dueIn);
            }
        }
        if (best != null) {
            inFlight = best;
            return best;
        }
        if (wait == Long.MAX_VALUE) {
            wait();
        } else {
            TimeUnit.NANOSECONDS.timedWait(this, wait);
        }
        return null;
    }

    private void attempt(AlertSpool.Entry e) {
        Alert alert = e.alert();
        if (alert.createdAt() != null && alert.createdAt().plus(retry.maxAge()).isBefore(Instant.now())) {
            LOG.warn("Alert {} for '{}' expired undelivered after {}; dropped", alert.id(), config.name(),
                retry.maxAge());
            finish(e, "expired");
            return;
        }
        HttpResult result;
        try {
            result = sender.post(format.render(alert, Instant.now().getEpochSecond()), config.timeout(),
                config.proxy(), ssl).get();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        } catch (Exception ex) {
            retryLater(e, null, describe(ex.getCause() == null ? ex : ex.getCause()));
            return;
        }
        if (result.ok()) {
            finish(e, "sent");
        } else if (result.retryable()) {
            retryLater(e, result.retryAfter(), "HTTP " + result.status());
        } else {
            LOG.error("Destination '{}' refused alert {} with HTTP {} ({}); not retried, kept in the spool's failed/ "
                + "folder. Check the destination's url, secret and headers", config.name(), alert.id(),
                result.status(), result.body());
            finish(e, "failed");
        }
    }

    private String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                String trusted = config.caFile() == null ? "the JVM's trust store" : "caFile " + config.caFile();
                return "TLS handshake with " + config.url().getHost() + " failed: " + t.getMessage()
                    + "; the receiver's certificate must name that host and chain to " + trusted;
            }
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private synchronized void finish(AlertSpool.Entry e, String outcome) {
        try {
            if ("failed".equals(outcome)) {
                spool.fail(e);
                metrics.alertFailed(config.name());
            } else {
                spool.remove(e);
                if ("sent".equals(outcome)) {
                    metrics.alertSent(config.name());
                } else {
                    metrics.alertDropped(outcome);
                }
            }
        } catch (IOException io) {
            LOG.error("Cannot update the alert spool of '{}' ({}); the alert may be sent again after a restart",
                config.name(), io.getMessage());
        }
        inFlight = null;
        unindex(e);
        backoffs.remove(e.alert().service());
    }

    private synchronized void retryLater(AlertSpool.Entry e, Duration retryAfter, String why) {
        Backoff b = backoffs.computeIfAbsent(e.alert().service(), s -> new Backoff());
        b.attempts++;
        Duration wait = backoff(b.attempts);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(retry.maxAge()) > 0 ? retry.maxAge() : retryAfter;
        }
        b.nextAtNanos = System.nanoTime() + wait.toNanos();
        inFlight = null;
        metrics.alertRetried(config.name());
        if (b.attempts == 1 || b.attempts % 10 == 0) {
            LOG.warn("Destination '{}' did not take alert {} ({}); attempt {} failed, retrying in {} ms",
                config.name(), e.alert().id(), why, b.attempts, wait.toMillis());
        }
    }

    private Duration backoff(int attempts) {
        long cap = retry.maxBackoff().toNanos();
        long base = retry.initialBackoff().toNanos();
        long exp = attempts >= 62 ? cap : Math.min(cap, base << Math.min(40, attempts - 1));
        long half = Math.max(1, exp / 2);
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join(5000);
    }

    private static final class Backoff {
        int attempts;
        long nextAtNanos;
    }
}
