package io.contralog.agent.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.contralog.agent.alert.Await;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueWriter;
import io.contralog.trainer.testing.RequestFlowLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real agent process with SIGKILL several times while events flow, restarts it each time, and counts.
 * With a threshold so low that every sequence is anomalous, every request must end up with exactly one alert id,
 * and that alert must cover all of the request's events: no event skipped, no second id, no alert lost.
 */
class CrashSafetyTest {

    private static final int REQUESTS = 160;
    private static final int KILLS = 4;

    @TempDir
    Path dir;

    @Test
    void killedAgentLosesNoEventAndNoAlertAndNeverGivesASequenceTwoIds() throws Exception {
        RequestFlowLogs logs = new RequestFlowLogs(21);
        List<List<LogEvent>> requests = new ArrayList<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            List<LogEvent> r = logs.normal(1);
            requests.add(r);
            sizes.put(r.get(0).ctx().get(RequestFlowLogs.KEY), r.size());
        }
        Random random = new Random(5);
        try (TestReceiver receiver = new TestReceiver();
             EventQueueWriter writer = EventQueueWriter.open(dir.resolve("queue"))) {
            Path config = AgentFixture.config(dir, receiver.url(), "");
            Files.writeString(config, Files.readString(config).replace("  batchDelay: 50ms",
                "  batchDelay: 50ms\n  threshold: 0.000001").replace("  port: 0", "  enabled: false"));
            Thread feeder = new Thread(() -> {
                for (List<LogEvent> r : requests) {
                    r.forEach(writer::write);
                    try {
                        Thread.sleep(220);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "feeder");
            feeder.start();
            Path checkpoint = dir.resolve("state/checkpoint.json");
            for (int kill = 0; kill < KILLS; kill++) {
                String before = read(checkpoint);
                Process agent = start(config, kill);
                // Kill only once this run has moved the checkpoint, so every run does work that a crash can break.
                Await.until(Duration.ofSeconds(60), "run " + kill + " to move the checkpoint",
                    () -> !read(checkpoint).equals(before) || !feeder.isAlive());
                Thread.sleep(random.nextInt(800));
                agent.destroyForcibly().waitFor();
            }
            feeder.join();
            Process last = start(config, KILLS);
            try {
                Await.until(Duration.ofSeconds(60), "an alert for every request",
                    () -> keys(receiver).size() == REQUESTS);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; got " + keys(receiver).size() + " of " + REQUESTS
                    + "; agent logs:\n" + logs(), e);
            } finally {
                last.destroy();
                last.waitFor();
            }

            Map<String, Set<String>> idsByKey = new HashMap<>();
            for (String body : receiver.bodies()) {
                JsonNode data = AgentPipelineTest.json(body).path("data");
                String key = data.path("sessionKey").asText();
                idsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(data.path("id").asText());
                assertThat(data.path("eventCount").asInt()).as("events in the alert of request %s", key)
                    .isEqualTo(sizes.get(key));
            }
            assertThat(idsByKey.keySet()).containsExactlyInAnyOrderElementsOf(sizes.keySet());
            idsByKey.forEach((key, ids) -> assertThat(ids).as("alert ids of request %s", key).hasSize(1));
            assertThat(receiver.verified()).isTrue();
            assertThat(logs()).as("runs that resumed from a checkpoint with open sessions")
                .containsPattern("Resuming after event \\d+; rebuilding [1-9]");
            assertThat(feeder.isAlive()).isFalse();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int run = 0; run <= KILLS; run++) {
            Path log = dir.resolve("agent-" + run + ".log");
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                b.append("--- run ").append(run).append('\n');
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> b.append(l).append('\n'));
            }
        }
        return b.toString();
    }

    private static Set<String> keys(TestReceiver receiver) {
        Set<String> keys = new HashSet<>();
        for (String body : receiver.bodies()) {
            keys.add(AgentPipelineTest.json(body).path("data").path("sessionKey").asText());
        }
        return keys;
    }

    private Process start(Path config, int run) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native-access") || arg.startsWith("-Dchronicle")
                || arg.startsWith("--sun-misc")) {
                cmd.add(arg);
            }
        }
        // ONNX Runtime crashes in a JVM whose command line is very long, so the class path goes in an argument file.
        Path args = dir.resolve("classpath.args");
        Files.writeString(args, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
        cmd.add("@" + args);
        cmd.add("io.contralog.agent.cli.AgentMain");
        cmd.add("run");
        cmd.add("--config");
        cmd.add(config.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent-" + run + ".log").toFile()).start();
    }
}
