package io.contralog.agent.pipeline;

import io.contralog.agent.Agent;
import io.contralog.agent.alert.Await;
import io.contralog.agent.config.AgentConfig;
import io.contralog.agent.config.ConfigLoader;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueWriter;
import io.contralog.trainer.testing.RequestFlowLogs;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Lines per second through the whole agent (read, sessions, scoring, decisions) from a pre-filled queue, with
 * the caches on and off. Run: {@code mvn -o -pl agent test -Dtest=AgentThroughputBench -Dcontralog.bench=true}
 * (optionally {@code -Dcontralog.bench.bundle=DIR} for another bundle; the shared tiny one by default).
 */
class AgentThroughputBench {

    private static final int REQUESTS = 6000;

    @TempDir
    Path dir;

    @Test
    void printsLinesPerSecond() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("contralog.bench"), "benchmark: set -Dcontralog.bench=true");
        List<LogEvent> events = new RequestFlowLogs(31).normal(REQUESTS);
        try (EventQueueWriter writer = EventQueueWriter.open(dir.resolve("queue"))) {
            events.forEach(writer::write);
        }
        String bundle = System.getProperty("contralog.bench.bundle");
        System.out.printf(Locale.ROOT, "%-10s %10s %12s %14s %10s%n", "caches", "lines", "lines/s", "scoring ms",
            "hit rate");
        for (int cache : new int[] {100_000, 0}) {
            Path run = Files.createDirectories(dir.resolve("run-" + cache));
            Files.createSymbolicLink(run.resolve("queue"), dir.resolve("queue"));
            Path config = AgentFixture.config(run, "http://127.0.0.1:9/", "");
            String yaml = Files.readString(config).replace("  batchDelay: 50ms", "  batchDelay: 50ms\n  cacheSize: "
                + cache).replace("  idleTimeout: 300ms", "  idleTimeout: 1s")
                .replace("  pollInterval: 5ms", "  pollInterval: 5ms\n  tailer: bench-" + cache);
            if (bundle != null) {
                yaml = yaml.replaceFirst("(?m)^  dir: .*test-bundles/tiny$", "  dir: " + bundle);
            }
            Files.writeString(config, yaml.replace("  port: 0", "  enabled: false"));
            AgentConfig c = ConfigLoader.withSystemEnv().load(config);
            try (Agent agent = new Agent(c)) {
                agent.start();
                Await.until(Duration.ofMinutes(1), "the agent to be ready", agent::ready);
                long start = System.nanoTime();
                Await.until(Duration.ofMinutes(10), "every sequence scored",
                    () -> agent.meters().count("contralog.sequences.scored") >= REQUESTS);
                double seconds = (System.nanoTime() - start) / 1e9;
                Timer t = agent.meters().registry().find("contralog.inference").timer();
                double rate = agent.meters().registry().find("contralog.cache.hit.rate").gauge().value();
                System.out.printf(Locale.ROOT, "%-10s %10d %12.0f %14.0f %10.3f%n", cache > 0 ? "on" : "off",
                    events.size(), events.size() / seconds, t.totalTime(TimeUnit.MILLISECONDS), rate);
            }
        }
    }
}
