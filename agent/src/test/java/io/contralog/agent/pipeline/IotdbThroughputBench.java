package io.contralog.agent.pipeline;

import com.sun.management.OperatingSystemMXBean;
import io.contralog.agent.Agent;
import io.contralog.agent.alert.Await;
import io.contralog.agent.config.ConfigLoader;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueWriter;
import io.contralog.trainer.read.LabeledEvent;
import io.contralog.trainer.read.LogReader;
import io.contralog.trainer.read.LogReaders;
import io.micrometer.core.instrument.FunctionCounter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Lines per second through the whole agent from a queue pre-filled with real IoTDB logs, with the caches on
 * and off, and where the scoring time goes. Run by {@code agent/bench/throughput.sh}, which trains the bundle
 * and passes {@code -Dcontralog.bench.bundle=DIR -Dcontralog.bench.iotdb=DIR}.
 */
class IotdbThroughputBench {

    private static final String[] STAGES = {"text", "message-encoder", "sequence-encoder", "nearest-normal"};

    @TempDir
    Path dir;

    @Test
    void printsLinesPerSecondOnIotdbLogs() throws Exception {
        String bundle = System.getProperty("contralog.bench.bundle");
        String data = System.getProperty("contralog.bench.iotdb");
        Assumptions.assumeTrue(bundle != null && data != null,
            "benchmark: set -Dcontralog.bench.bundle=DIR and -Dcontralog.bench.iotdb=multilog-iotdb/SCENARIO");
        int lines = writeQueue(Path.of(data), Integer.getInteger("contralog.bench.lines", 60_000));
        int threads = Integer.getInteger("contralog.bench.threads", 1);
        String preset = System.getProperty("contralog.bench.preset", "model");
        // The first run warms the JVM and ONNX Runtime; it is printed so that its cost is visible.
        String[][] runs = {{"warm-up", "100000"}, {"off", "0"}, {"on", "100000"}, {"off", "0"}, {"on", "100000"}};
        System.out.printf(Locale.ROOT, "%-7s %-8s %8s %8s %8s %8s %6s %8s %7s %7s %7s %7s %4s%n",
            "preset", "caches", "lines", "lines/s", "cpu s", "score s", "hit", "embedded", "text s", "msg s", "seq s",
            "near s", "thr");
        for (String[] run : runs) {
            runOnce(preset, run[0], Integer.parseInt(run[1]), Path.of(bundle), lines, threads);
        }
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private int writeQueue(Path scenario, int max) throws Exception {
        int n = 0;
        try (LogReader reader = LogReaders.open(List.of(scenario), "multilog");
             EventQueueWriter writer = EventQueueWriter.open(dir.resolve("queue"))) {
            for (LabeledEvent e = reader.next(); e != null && n < max; e = reader.next()) {
                LogEvent event = e.event();
                writer.write(event);
                n++;
            }
        }
        return n;
    }

    private void runOnce(String preset, String label, int cache, Path bundle, int lines, int threads)
        throws Exception {
        Path run = Files.createDirectories(dir.resolve("run-" + System.nanoTime()));
        Path config = run.resolve("agent.yaml");
        Files.writeString(config, """
            queue:
              dir: %s
              pollInterval: 5ms
              tailer: %s
            model:
              dir: %s
            state:
              dir: %s
            session:
              idleTimeout: 1s
            scoring:
              threads: %d
              cacheSize: %d
            http:
              enabled: false
            alerts:
              webhooks:
                - name: hook
                  url: http://127.0.0.1:9/
            """.formatted(dir.resolve("queue"), run.getFileName(), bundle, run.resolve("state"), threads, cache));
        try (Agent agent = new Agent(ConfigLoader.withSystemEnv().load(config))) {
            agent.start();
            Await.until(Duration.ofMinutes(1), "the agent to be ready", agent::ready);
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            Await.until(Duration.ofMinutes(20), "every line read",
                () -> agent.meters().count("contralog.events.read") >= lines);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
            var registry = agent.meters().registry();
            double scoring = registry.find("contralog.inference").timer().totalTime(java.util.concurrent.TimeUnit
                .SECONDS);
            double rate = registry.find("contralog.cache.hit.rate").gauge().value();
            double embedded = registry.find("contralog.scoring.encoded.rows").functionCounter().count();
            double[] stage = new double[STAGES.length];
            for (int i = 0; i < STAGES.length; i++) {
                FunctionCounter c = registry.find("contralog.scoring.stage.seconds").tag("stage", STAGES[i])
                    .functionCounter();
                stage[i] = c.count();
            }
            System.out.printf(Locale.ROOT, "%-7s %-8s %8d %8.0f %8.2f %8.2f %6.3f %8.0f %7.2f %7.2f %7.2f %7.2f %4d%n",
                preset, label, lines, lines / seconds, cpuSeconds, scoring, rate, embedded, stage[0], stage[1],
                stage[2], stage[3], threads);
        }
    }
}
