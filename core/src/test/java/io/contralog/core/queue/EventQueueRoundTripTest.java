package io.contralog.core.queue;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventQueueRoundTripTest {

    @TempDir
    Path dir;

    private static LogEvent sample(int i) {
        ErrorInfo cause = new ErrorInfo("java.io.IOException", "disk", List.of("a.B.c(B.java:1)"), null);
        return LogEvent.builder().ts(1_700_000_000_000_000_000L + i).level("WARN").logger("com.example.Svc")
            .thread("main").msg("message " + i).error(i % 2 == 0 ? null
                : new ErrorInfo("java.lang.IllegalStateException", "boom", List.of("x.Y.z(Y.java:9)"), cause))
            .ctx(Map.of("requestId", "r" + i)).build();
    }

    @Test
    void readsBackEveryFieldThatWasWritten() {
        try (EventQueueWriter writer = EventQueueWriter.open(dir, QueueSettings.builder().service("svc").build(),
            ProblemListener.STDERR)) {
            for (int i = 0; i < 10; i++) {
                assertThat(writer.write(sample(i))).isTrue();
            }
        }
        List<LogEvent> read = readAll(null);
        assertThat(read).hasSize(10);
        for (int i = 0; i < 10; i++) {
            LogEvent expected = sample(i);
            LogEvent got = read.get(i);
            assertThat(got.v()).isEqualTo(LogEvent.SCHEMA_VERSION);
            assertThat(got.ts()).isEqualTo(expected.ts());
            assertThat(got.level()).isEqualTo("WARN");
            assertThat(got.logger()).isEqualTo("com.example.Svc");
            assertThat(got.thread()).isEqualTo("main");
            assertThat(got.msg()).isEqualTo("message " + i);
            assertThat(got.error()).isEqualTo(expected.error());
            assertThat(got.ctx()).isEqualTo(expected.ctx());
            assertThat(got.service()).isEqualTo("svc");
            assertThat(got.host()).isNotEmpty();
            assertThat(got.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(got.seq()).isEqualTo(i);
        }
    }

    @Test
    void namedTailerResumesWhereItStopped() {
        try (EventQueueWriter writer = EventQueueWriter.open(dir)) {
            for (int i = 0; i < 5; i++) {
                writer.write(sample(i));
            }
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, "agent")) {
            assertThat(reader.next().msg()).isEqualTo("message 0");
            assertThat(reader.next().msg()).isEqualTo("message 1");
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, "agent")) {
            assertThat(reader.next().msg()).isEqualTo("message 2");
            long third = reader.index();
            reader.next();
            reader.moveTo(third);
            assertThat(reader.next().msg()).isEqualTo("message 2");
        }
    }

    @Test
    void ignoresUnknownFieldsToleratesMissingOnesAndAcceptsNewerVersions() {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.toFile()).build();
             ExcerptAppender appender = queue.createAppender()) {
            appender.writeDocument(w -> w.write("v").int32(7).write("ts").int64(42).write("future")
                .marshallable(m -> m.write("x").text("y")).write("msg").text("from the future"));
            appender.writeDocument(w -> w.write("unrelated").text("not an event"));
            appender.writeText("plain text document");
            appender.writeDocument(w -> w.write("v").int32(1).write("msg").text("minimal"));
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            LogEvent future = reader.next();
            assertThat(future.v()).isEqualTo(7);
            assertThat(future.ts()).isEqualTo(42);
            assertThat(future.msg()).isEqualTo("from the future");
            LogEvent minimal = reader.next();
            assertThat(minimal.msg()).isEqualTo("minimal");
            assertThat(minimal.ctx()).isEmpty();
            assertThat(minimal.error()).isNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.skipped()).isEqualTo(2);
        }
    }

    private List<LogEvent> readAll(String tailer) {
        List<LogEvent> events = new ArrayList<>();
        try (EventQueueReader reader = EventQueueReader.open(dir, tailer)) {
            for (LogEvent e = reader.next(); e != null; e = reader.next()) {
                events.add(e);
            }
        }
        return events;
    }
}
