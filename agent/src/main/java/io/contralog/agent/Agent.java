package io.contralog.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contralog.agent.alert.AlertDispatcher;
import io.contralog.agent.alert.AlertJson;
import io.contralog.agent.alert.Redactor;
import io.contralog.agent.config.AgentConfig;
import io.contralog.agent.http.AgentHttpServer;
import io.contralog.agent.http.Routes;
import io.contralog.agent.http.ScoreService;
import io.contralog.agent.metrics.AgentMetrics;
import io.contralog.agent.pipeline.BundleWatcher;
import io.contralog.agent.pipeline.Models;
import io.contralog.agent.pipeline.Pipeline;
import io.contralog.model.bundle.BundleException;
import io.contralog.model.score.ScoringTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A running agent: models, alert dispatcher, the pipeline thread, the bundle watcher and the HTTP endpoint,
 * started in that order and stopped in reverse, so that a stop finishes the current batch and checkpoints.
 */
public final class Agent implements Routes, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final AgentMetrics metrics = new AgentMetrics();
    private final Models models;
    private final AlertDispatcher dispatcher;
    private final Pipeline pipeline;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final ScoreService scoring;
    private BundleWatcher watcher;
    private AgentHttpServer http;

    /**
     * Loads the models and opens the state folder; nothing runs until {@link #start()}.
     *
     * @throws BundleException when a configured bundle cannot be served
     */
    public Agent(AgentConfig config) throws BundleException, IOException {
        this.config = config;
        Files.createDirectories(config.state().dir());
        this.models = new Models(config);
        try {
            this.dispatcher = new AlertDispatcher(config.alerts(), config.state().dir(), metrics);
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
        this.pipeline = new Pipeline(config, models, dispatcher, metrics);
        this.scoring = new ScoreService(models, dispatcher.redactor(), new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        metrics.cacheHitRate(models::cacheHitRate);
        metrics.encodedRows(models, Models::encodedRows);
        metrics.scoringStage("text", models, m -> m.stageSeconds(ScoringTimes::textNanos));
        metrics.scoringStage("message-encoder", models, m -> m.stageSeconds(ScoringTimes::messageEncoderNanos));
        metrics.scoringStage("sequence-encoder", models, m -> m.stageSeconds(ScoringTimes::sequenceEncoderNanos));
        metrics.scoringStage("nearest-normal", models, m -> m.stageSeconds(ScoringTimes::nearestNanos));
        metrics.registry().more().counter("contralog.model.reloads", java.util.List.of(
            io.micrometer.core.instrument.Tag.of("result", "accepted")), models, Models::reloadsAccepted);
        metrics.registry().more().counter("contralog.model.reloads", java.util.List.of(
            io.micrometer.core.instrument.Tag.of("result", "refused")), models, Models::reloadsRefused);
    }

    /** Starts the pipeline thread, the bundle watcher and the HTTP endpoint. */
    public void start() throws IOException, InterruptedException {
        Thread t = new Thread(() -> {
            try {
                pipeline.run();
                finished.complete(null);
            } catch (Throwable e) {
                LOG.error("The agent's pipeline stopped: {}", e.toString(), e);
                finished.completeExceptionally(e);
            }
        }, "contralog-pipeline");
        t.start();
        watcher = new BundleWatcher(models);
        if (config.http().enabled()) {
            http = new AgentHttpServer(config.http().bind(), config.http().port(), this);
            LOG.info("Serving /healthz, /readyz, /metrics, /api/v1/alerts and /api/v1/score on http://{}:{}",
                config.http().bind(), http.port());
        }
    }

    /** Completes when the pipeline stops: normally after {@link #close()}, exceptionally on a fatal error. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** The HTTP port bound, or -1 without HTTP. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public AgentMetrics meters() {
        return metrics;
    }

    @Override
    public boolean healthy() {
        return !finished.isCompletedExceptionally();
    }

    @Override
    public boolean ready() {
        return pipeline.ready();
    }

    @Override
    public String metrics() {
        return metrics.scrape();
    }

    @Override
    public byte[] recentAlerts() {
        return AlertJson.bytes(dispatcher.recent());
    }

    @Override
    public Reply score(byte[] body) {
        return scoring.score(body);
    }

    /** The masker applied to text leaving the host. */
    public Redactor redactor() {
        return dispatcher.redactor();
    }

    @Override
    public void close() {
        try {
            pipeline.stop(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (http != null) {
            http.close();
        }
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("Closing the bundle watcher: {}", e.getMessage());
            }
        }
        dispatcher.close();
        models.close();
    }
}
