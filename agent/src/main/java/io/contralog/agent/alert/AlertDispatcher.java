package io.contralog.agent.alert;

import io.contralog.agent.config.AlertsConfig;
import io.contralog.agent.config.WebhookConfig;
import io.contralog.agent.metrics.AgentMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Takes anomalies from the pipeline and makes them durable alerts: decides by policy, masks text, spools the
 * alert for every destination and records the decision, all before {@link #offer} returns.
 *
 * <p>Implementation notes: the order spool-then-ledger makes a crash harmless. If the agent dies after
 * spooling and before recording, the restarted agent re-scores the sequence, derives the same alert id,
 * finds it already spooled, and only records it. A sequence already in the ledger is never offered again,
 * so it never gets a second alert, whatever its policy decision was.
 */
public final class AlertDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final int LEDGER_BOUND = 100_000;

    private final AlertPolicy policy;
    private final Redactor redactor;
    private final AlertLedger ledger;
    private final List<SinkDelivery> sinks = new ArrayList<>();
    private final NettyHttpSender sender = new NettyHttpSender();
    private final AgentMetrics metrics;
    private final ArrayDeque<Alert> recent = new ArrayDeque<>();
    private final int recentBound;

    /** Opens the ledger and the spools in {@code stateDir} and starts delivering what they hold. */
    public AlertDispatcher(AlertsConfig config, Path stateDir, AgentMetrics metrics) {
        this(config, stateDir, metrics, System::nanoTime);
    }

    AlertDispatcher(AlertsConfig config, Path stateDir, AgentMetrics metrics, LongSupplier clock) {
        this.metrics = metrics;
        this.policy = new AlertPolicy(config, clock);
        this.redactor = new Redactor(config.redact());
        this.recentBound = config.recent();
        this.ledger = new AlertLedger(stateDir.resolve("alerted.log"), LEDGER_BOUND);
        try {
            for (WebhookConfig w : config.webhooks()) {
                AlertSpool spool = new AlertSpool(stateDir.resolve("spool").resolve(w.name()));
                sinks.add(new SinkDelivery(w, spool, sender, config.retry(), config.spool().maxSize().bytes(),
                    metrics));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the alert spool in " + stateDir, e);
        }
        sinks.forEach(SinkDelivery::start);
    }

    /** The masker applied to every text that leaves the host, for other outputs such as the HTTP API. */
    public Redactor redactor() {
        return redactor;
    }

    /** Whether a decision about this sequence was already made (before a restart, perhaps). */
    public boolean decided(String sequenceId) {
        return ledger.contains(sequenceId);
    }

    /**
     * Decides about one anomalous sequence and, when it is to be sent, spools it durably for every destination.
     *
     * @return the decision's name in lower case, or {@code duplicate} when the sequence was decided before
     * @throws UncheckedIOException when the state folder cannot be written; the caller must not move past it
     */
    public synchronized String offer(Alert alert) {
        if (ledger.contains(alert.sequenceId())) {
            return "duplicate";
        }
        AlertPolicy.Decision d = alreadySpooled(alert.id()) ? AlertPolicy.Decision.SEND : policy.decide(alert);
        try {
            if (d == AlertPolicy.Decision.SEND) {
                Alert masked = redactor.apply(alert);
                for (SinkDelivery s : sinks) {
                    s.enqueue(masked);
                }
                remember(AlertBounds.apply(masked));
            } else if (d == AlertPolicy.Decision.RATE_LIMITED) {
                metrics.alertDropped("rate_limit");
            } else {
                metrics.alertSuppressed(d.name().toLowerCase(Locale.ROOT));
            }
            ledger.record(alert.sequenceId(), alert.id() + " " + d.name().toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alert state in state.dir: " + e.getMessage(), e);
        }
        return d.name().toLowerCase(Locale.ROOT);
    }

    private boolean alreadySpooled(String alertId) {
        return sinks.stream().anyMatch(s -> s.holds(alertId));
    }

    private void remember(Alert alert) {
        if (recentBound == 0) {
            return;
        }
        synchronized (recent) {
            recent.addFirst(alert);
            while (recent.size() > recentBound) {
                recent.pollLast();
            }
        }
    }

    /** The most recent alerts sent, newest first, already masked. */
    public List<Alert> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** Alerts waiting in the spools, over all destinations. */
    public int pending() {
        return sinks.stream().mapToInt(SinkDelivery::pending).sum();
    }

    @Override
    public void close() {
        for (SinkDelivery s : sinks) {
            try {
                s.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sender.close();
        try {
            ledger.close();
        } catch (IOException e) {
            LOG.warn("Closing the alert ledger failed: {}", e.getMessage());
        }
    }
}
