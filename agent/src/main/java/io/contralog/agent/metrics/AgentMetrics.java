package io.contralog.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The agent's meters, named once here so that dashboards can rely on them; exposed in Prometheus text format.
 */
public final class AgentMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong queueLag = new AtomicLong();
    private final AtomicLong sessionsOpen = new AtomicLong();
    private final AtomicLong alertsPending = new AtomicLong();
    private final Counter eventsRead;
    private final Counter eventsSkipped;
    private final Counter sessionsEvicted;
    private final Counter sequencesScored;
    private final Counter anomalies;
    private final Counter alertsSpooled;
    private final Timer inference;

    /** Registers every meter with a fresh Prometheus registry. */
    public AgentMetrics() {
        eventsRead = Counter.builder("contralog.events.read").description("events read from the queue")
            .register(registry);
        eventsSkipped = Counter.builder("contralog.events.skipped")
            .description("queue documents that could not be read as events").register(registry);
        sessionsEvicted = Counter.builder("contralog.sessions.evicted")
            .description("sessions closed early because the bound on open sessions was reached").register(registry);
        sequencesScored = Counter.builder("contralog.sequences.scored").description("sequences scored")
            .register(registry);
        anomalies = Counter.builder("contralog.anomalies").description("sequences scored above the threshold")
            .register(registry);
        alertsSpooled = Counter.builder("contralog.alerts.spooled")
            .description("alert deliveries written to the spool").register(registry);
        inference = Timer.builder("contralog.inference").description("time to score one batch of sequences")
            .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("contralog.queue.lag.seconds", queueLag, v -> v.get() / 1000.0)
            .description("age of the event read last: how far the agent is behind the application")
            .register(registry);
        Gauge.builder("contralog.sessions.open", sessionsOpen, AtomicLong::get).description("open sessions")
            .register(registry);
        Gauge.builder("contralog.alerts.pending", alertsPending, AtomicLong::get)
            .description("alert deliveries waiting in the spool").register(registry);
    }

    /** The registry, for meters owned by other parts and for the scrape. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public void eventRead() {
        eventsRead.increment();
    }

    public void eventsSkipped(long n) {
        if (n > 0) {
            eventsSkipped.increment(n);
        }
    }

    public void queueLagMillis(long lag) {
        queueLag.set(lag);
    }

    public void sessionsOpen(long open) {
        sessionsOpen.set(open);
    }

    public void sessionsEvicted(long n) {
        if (n > 0) {
            sessionsEvicted.increment(n);
        }
    }

    public void scored(int sequences, int anomalous, Duration took) {
        sequencesScored.increment(sequences);
        anomalies.increment(anomalous);
        inference.record(took);
    }

    public void alertSpooled() {
        alertsSpooled.increment();
    }

    public void alertsPending(long delta) {
        alertsPending.addAndGet(delta);
    }

    /** Counts a service none of whose first events carried the context key that keys its sessions. */
    public void sessionFieldMissing(String service) {
        registry.counter("contralog.sessions.field.missing", "service", service).increment();
    }

    public void alertSent(String sink) {
        registry.counter("contralog.alerts.sent", "sink", sink).increment();
    }

    public void alertFailed(String sink) {
        registry.counter("contralog.alerts.failed", "sink", sink).increment();
    }

    public void alertRetried(String sink) {
        registry.counter("contralog.alerts.retried", "sink", sink).increment();
    }

    public void alertDropped(String reason) {
        registry.counter("contralog.alerts.dropped", "reason", reason).increment();
    }

    public void alertSuppressed(String reason) {
        registry.counter("contralog.alerts.suppressed", "reason", reason).increment();
    }

    /** Registers the scorer's cache hit rate, read at every scrape. */
    public void cacheHitRate(DoubleSupplier rate) {
        Gauge.builder("contralog.cache.hit.rate", rate::getAsDouble)
            .description("hit rate of the embedding and nearest-normal caches").register(registry);
    }

    /**
     * Registers the seconds scoring has spent in {@code stage} (text, message-encoder, sequence-encoder,
     * nearest-normal), read at every scrape; it starts over when a bundle is reloaded.
     */
    public <T> void scoringStage(String stage, T source, ToDoubleFunction<T> seconds) {
        FunctionCounter.builder("contralog.scoring.stage.seconds", source, seconds).tag("stage", stage)
            .description("time spent in one stage of scoring").register(registry);
    }

    /** Registers the messages the message encoders have embedded, read at every scrape. */
    public <T> void encodedRows(T source, ToDoubleFunction<T> rows) {
        FunctionCounter.builder("contralog.scoring.encoded.rows", source, rows)
            .description("messages run through the message encoder (cache misses, once per batch)").register(registry);
    }

    /** A counter's current value, for tests and the log line at shutdown. */
    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }
}
