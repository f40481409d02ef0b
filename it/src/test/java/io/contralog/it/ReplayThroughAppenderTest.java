package io.contralog.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replayer's promise across processes: a labelled historical log, replayed through the real Logback or Log4j2
 * appender, lands in the queue with the original timestamps, threads, loggers, levels and error classes, and only
 * the lines asked for.
 */
class ReplayThroughAppenderTest {

    private static final List<String> LOG = List.of(
        "- 2023-11-18 08:46:14,674 [main] INFO  o.a.i.c.c.ConfigNodeDescriptor:105 - Start to read config file ",
        "- 2023-11-18 08:46:15,001 [pool-3-Flush-1] WARN  o.a.i.d.s.Storage:88 - flush failed, will retry",
        "java.io.IOException: No space left on device",
        "\tat o.a.i.d.s.Storage.flush(Storage.java:88)",
        "Caused by: org.apache.iotdb.DiskFullException: /data is full",
        "\t... 1 more",
        "2023-11-18 08:46:16,500 [pool-3-Flush-1] ERROR o.a.i.d.s.Storage:91 - flush abandoned",
        "- 2023-11-18 08:46:17,250 [main] DEBUG o.a.i.c.s.ConfigNode:99 - environment variables: ");

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logback", "log4j2"})
    void normalLinesArriveWithTheirOriginalFields(String framework) throws Exception {
        Path jar = Path.of(System.getProperty("contralog.replayer.jar",
            "../samples/replayer/target/contralog-samples-replayer.jar"));
        Assumptions.assumeTrue(Files.isRegularFile(jar),
            "the replayer jar " + jar + " is missing: run mvn package (or verify) from the root first");
        Path log = Files.write(work.resolve("node1.log"), LOG);
        Path queue = work.resolve("queue");
        Path output = work.resolve("replayer.log");

        Process replayer = Jvm.start(output, List.of("-Xmx256m", "-jar", jar.toString(), "--queue-dir",
            queue.toString(), "--service", "iotdb", "--framework", framework, "--only", "normal", log.toString()));
        assertThat(replayer.waitFor(60, TimeUnit.SECONDS)).as("replayer finished").isTrue();
        assertThat(replayer.exitValue()).as("replayer exit code; its output:\n%s", Jvm.tail(output, 30)).isZero();

        List<LogEvent> events = read(queue);
        assertThat(events).extracting(LogEvent::msg)
            .containsExactly("Start to read config file", "flush failed, will retry", "environment variables:");
        assertThat(events).extracting(LogEvent::ts).containsExactly(nanos("2023-11-18T08:46:14.674Z"),
            nanos("2023-11-18T08:46:15.001Z"), nanos("2023-11-18T08:46:17.250Z"));
        LogEvent failure = events.get(1);
        assertThat(failure.level()).isEqualTo("WARN");
        assertThat(failure.thread()).isEqualTo("pool-3-Flush-1");
        assertThat(failure.logger()).isEqualTo("o.a.i.d.s.Storage");
        assertThat(failure.service()).isEqualTo("iotdb");
        assertThat(failure.ctx()).containsEntry("source", "node1.log");
        assertThat(failure.error().className()).isEqualTo("java.io.IOException");
        assertThat(failure.error().message()).isEqualTo("No space left on device");
        assertThat(failure.error().cause().className()).isEqualTo("org.apache.iotdb.DiskFullException");
    }

    private static long nanos(String instant) {
        Instant at = Instant.parse(instant);
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    private static List<LogEvent> read(Path queue) throws IOException {
        List<LogEvent> events = new ArrayList<>();
        try (EventQueueReader reader = EventQueueReader.open(queue, null)) {
            for (LogEvent e = reader.next(); e != null; e = reader.next()) {
                events.add(e);
            }
        }
        return events;
    }
}
