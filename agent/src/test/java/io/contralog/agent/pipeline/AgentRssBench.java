package io.contralog.agent.pipeline;

import io.contralog.agent.alert.Await;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueWriter;
import io.contralog.trainer.read.LabeledEvent;
import io.contralog.trainer.read.LogReader;
import io.contralog.trainer.read.LogReaders;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resident set size of a real agent process ({@code java -jar contralog-agent.jar run}), read from
 * {@code /proc/<pid>/status}: after a backlog of real IoTDB logs large enough to fill the text cache, and with
 * 100,000 open sessions. Run by {@code agent/bench/throughput.sh}.
 */
class AgentRssBench {

    private static final int SESSIONS = 100_000;
    private static final Pattern READ = Pattern.compile("(?m)^contralog_events_read_total (\\S+)");
    private static final Pattern OPEN = Pattern.compile("(?m)^contralog_sessions_open (\\S+)");

    @TempDir
    Path dir;

    @Test
    void printsResidentSetSize() throws Exception {
        String bundle = System.getProperty("contralog.bench.bundle");
        String data = System.getProperty("contralog.bench.data");
        String jar = System.getProperty("contralog.bench.agentJar");
        Assumptions.assumeTrue(bundle != null && data != null && jar != null && Files.isDirectory(Path.of("/proc")),
            "benchmark: set -Dcontralog.bench.bundle, -Dcontralog.bench.data and -Dcontralog.bench.agentJar");
        int lines = Integer.getInteger("contralog.bench.rssLines", 300_000);
        int written = writeIotdb(dir.resolve("iotdb"), Path.of(data), lines);
        measure("backlog", dir.resolve("iotdb"), bundle, jar, "", written, 0);
        writeSessions(dir.resolve("sessions"));
        measure("sessions", dir.resolve("sessions"), bundle, jar, "  field: " + "requestId\n  idleTimeout: 1h\n"
            + "  window: 1h\n", SESSIONS, SESSIONS);
    }

    private static int writeIotdb(Path queue, Path data, int max) throws IOException {
        int n = 0;
        try (EventQueueWriter writer = EventQueueWriter.open(queue)) {
            for (Path scenario : Files.list(data).filter(Files::isDirectory).sorted().toList()) {
                try (LogReader reader = LogReaders.open(List.of(scenario), "multilog")) {
                    for (LabeledEvent e = reader.next(); e != null && n < max; e = reader.next()) {
                        writer.write(e.event());
                        n++;
                    }
                }
                if (n >= max) {
                    break;
                }
            }
        }
        return n;
    }

    private static void writeSessions(Path queue) {
        try (EventQueueWriter writer = EventQueueWriter.open(queue)) {
            for (int i = 0; i < SESSIONS; i++) {
                writer.write(LogEvent.builder().ts(1_000_000L * i).service("shop").logger("com.shop.web.Api")
                    .msg("Received GET /api/items/" + i).ctx(Map.of("requestId", "r" + i)).build());
            }
        }
    }

    private void measure(String label, Path queue, String bundle, String jar, String session, int lines,
                         int open) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path run = Files.createDirectories(dir.resolve("run-" + label));
        Path config = run.resolve("agent.yaml");
        Files.writeString(config, """
            queue:
              dir: %s
            model:
              dir: %s
            state:
              dir: %s
            session:
            %s
            http:
              bind: 127.0.0.1
              port: %d
            alerts:
              webhooks:
                - name: hook
                  url: http://127.0.0.1:9/
            """.formatted(queue, bundle, run.resolve("state"), session.isEmpty() ? "  idleTimeout: 1s" : session,
            port));
        Process agent = new ProcessBuilder("java", "-jar", jar, "run", "--config", config.toString())
            .redirectErrorStream(true).redirectOutput(run.resolve("agent.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long start = System.nanoTime();
            Await.until(Duration.ofMinutes(15), label + ": every line read and sessions open", () -> {
                String metrics = scrape(http, port);
                return metric(READ, metrics) >= lines && metric(OPEN, metrics) >= open;
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "rss %-9s lines %8d open sessions %7.0f: VmRSS %6.0f MiB (%.0f s)%n",
                label, lines, metric(OPEN, scrape(http, port)), rssKib(agent.pid()) / 1024.0, seconds);
        } finally {
            agent.destroy();
            agent.waitFor();
        }
    }

    private static String scrape(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static double metric(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("/proc/" + pid + "/status has no VmRSS line");
    }
}
