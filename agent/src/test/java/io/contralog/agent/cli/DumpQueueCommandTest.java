package io.contralog.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueWriter;
import io.contralog.core.queue.ProblemListener;
import io.contralog.core.queue.QueueSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DumpQueueCommandTest {

    private static final List<String> KEYS = List.of("v", "ts", "level", "logger", "thread", "msg", "truncated",
        "error", "ctx", "service", "host", "pid", "seq");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsEveryEventAsOneJsonLineWithTheRecordKeys() throws Exception {
        QueueSettings settings = QueueSettings.builder().service("orders").build();
        try (EventQueueWriter writer = EventQueueWriter.open(dir, settings, ProblemListener.STDERR)) {
            writer.write(LogEvent.builder().ts(5).level("INFO").logger("a.B").thread("main").msg("hello")
                .ctx(Map.of("requestId", "r1")).build());
            writer.write(LogEvent.builder().ts(6).level("ERROR").msg("failed")
                .error(new ErrorInfo("java.lang.IllegalStateException", "bad", List.of("a.B.c(B.java:3)"), null))
                .build());
        }
        assertThat(run(dir.toString())).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines[0]);
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(KEYS);
        assertThat(first.get("msg").asText()).isEqualTo("hello");
        assertThat(first.get("ctx").get("requestId").asText()).isEqualTo("r1");
        assertThat(first.get("service").asText()).isEqualTo("orders");
        JsonNode second = json.readTree(lines[1]);
        assertThat(second.get("error").get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(second.get("seq").asLong()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2 events");
    }

    @Test
    void limitStopsEarly() {
        try (EventQueueWriter writer = EventQueueWriter.open(dir)) {
            for (int i = 0; i < 5; i++) {
                writer.write(LogEvent.builder().msg("m" + i).build());
            }
        }
        assertThat(run("--limit", "2", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).hasSize(2);
    }

    @Test
    void rejectsAFolderThatDoesNotExistWithExitCodeTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThat(run(dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a queue folder");
    }

    private int run(String... args) {
        DumpQueueCommand command = new DumpQueueCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }
}
