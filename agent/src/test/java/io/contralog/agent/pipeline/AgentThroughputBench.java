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
    private static final int SESSIONS = 100_000;

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
        // The first run pays for class loading, the JIT and ONNX Runtime's first calls, so it is labelled warm-up;
        // on and off alternate after it so that neither gets the warmer JVM.
        int[] caches = {100_000, 0, 100_000, 0, 100_000};
        for (int r = 0; r < caches.length; r++) {
            int cache = caches[r];
            Path run = Files.createDirectories(dir.resolve("run-" + r));
            Files.createSymbolicLink(run.resolve("queue"), dir.resolve("queue"));
            Path config = AgentFixture.config(run, "http://127.0.0.1:9/", "");
            String yaml = Files.readString(config).replace("  batchDelay: 50ms", "  batchDelay: 50ms\n  cacheSize: "
                + cache).replace("  idleTimeout: 300ms", "  idleTimeout: 1s")
                .replace("  pollInterval: 5ms", "  pollInterval: 5ms\n  tailer: bench-" + r);
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
                System.out.printf(Locale.ROOT, "%-10s %10d %12.0f %14.0f %10.3f%n",
                    r == 0 ? "warm-up" : cache > 0 ? "on" : "off",
                    events.size(), events.size() / seconds, t.totalTime(TimeUnit.MILLISECONDS), rate);
            }
        }
    }

    @Test
    void printsHeapWithManyOpenSessions() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("contralog.bench"), "benchmark: set -Dcontralog.bench=true");
        try (EventQueueWriter writer = EventQueueWriter.open(dir.resolve("queue"))) {
            for (int i = 0; i < SESSIONS; i++) {
                writer.write(LogEvent.builder().ts(1_000_000L * i).service("shop").logger("com.shop.web.Api")
                    .msg("Received GET /api/items/" + i).ctx(java.util.Map.of(RequestFlowLogs.KEY, "r" + i)).build());
            }
        }
        Path config = AgentFixture.config(dir, "http://127.0.0.1:9/", "");
        Files.writeString(config, Files.readString(config).replace("  idleTimeout: 300ms",
            "  idleTimeout: 1h\n  window: 1h").replace("  port: 0", "  enabled: false"));
        System.gc();
        java.lang.management.MemoryMXBean mem = java.lang.management.ManagementFactory.getMemoryMXBean();
        long before = mem.getHeapMemoryUsage().getUsed();
        try (Agent agent = new Agent(ConfigLoader.withSystemEnv().load(config))) {
            agent.start();
            Await.until(Duration.ofMinutes(5), "every session open", () -> agent.meters().registry()
                .find("contralog.sessions.open").gauge().value() >= SESSIONS);
            System.gc();
            long after = mem.getHeapMemoryUsage().getUsed();
            System.out.printf(Locale.ROOT, "open sessions %d: heap %.1f MiB more than before start%n", SESSIONS,
                (after - before) / 1048576.0);
        }
    }

    @Test
    void printsLatencyFromWriteToAlert() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("contralog.bench"), "benchmark: set -Dcontralog.bench=true");
        RequestFlowLogs logs = new RequestFlowLogs(41);
        try (TestReceiver receiver = new TestReceiver();
             EventQueueWriter writer = EventQueueWriter.open(dir.resolve("queue"))) {
            Path config = AgentFixture.config(dir, receiver.url(), "");
            Files.writeString(config, Files.readString(config).replace("  idleTimeout: 300ms", "  idleTimeout: 2s")
                .replace("  port: 0", "  enabled: false"));
            try (Agent agent = new Agent(ConfigLoader.withSystemEnv().load(config))) {
                agent.start();
                Await.until(Duration.ofMinutes(1), "the agent to be ready", agent::ready);
                java.util.Map<String, Long> written = new java.util.HashMap<>();
                long pace = 1_000_000_000L / 2000;
                long next = System.nanoTime();
                for (int round = 0; round < 20; round++) {
                    List<LogEvent> batch = new java.util.ArrayList<>(logs.normal(100));
                    List<LogEvent> anomaly = logs.unseenError();
                    for (LogEvent e : batch) {
                        while (System.nanoTime() < next) {
                            Thread.onSpinWait();
                        }
                        writer.write(e);
                        next += pace;
                    }
                    anomaly.forEach(writer::write);
                    written.put(anomaly.get(0).ctx().get(RequestFlowLogs.KEY), System.nanoTime());
                }
                Await.until(Duration.ofMinutes(2), "alerts for the anomalies", () -> written.keySet().stream()
                    .allMatch(k -> receiver.bodies().stream().anyMatch(b -> b.contains(k))));
                List<Double> millis = new java.util.ArrayList<>();
                List<String> bodies = receiver.bodies();
                List<Long> arrivals = receiver.arrivals();
                written.forEach((k, t) -> {
                    for (int i = 0; i < bodies.size(); i++) {
                        if (bodies.get(i).contains(k)) {
                            millis.add((arrivals.get(i) - t) / 1e6);
                            return;
                        }
                    }
                });
                java.util.Collections.sort(millis);
                System.out.printf(Locale.ROOT, "latency write->alert at 2000 lines/s, idle 2s: median %.0f ms, "
                    + "p99 %.0f ms (%d anomalies)%n", millis.get(millis.size() / 2),
                    millis.get((int) Math.ceil(millis.size() * 0.99) - 1), millis.size());
            }
        }
    }
}
