package io.contralog.core.queue;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class EventBoundsTest {

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void cutsHugeMessagesStacksAndContextToTheirLimits() {
        QueueSettings settings = QueueSettings.builder().maxMessageLength(1000).maxStackFrames(3)
            .maxCauseDepth(1).maxContextEntries(2).maxContextValueLength(10).build();
        Map<String, String> ctx = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            ctx.put("k" + i, "v".repeat(50));
        }
        ErrorInfo deep = new ErrorInfo("C", "m", List.of("f"), new ErrorInfo("C", "m", List.of("f"),
            new ErrorInfo("C", "m", List.of("f"), null)));
        ErrorInfo error = new ErrorInfo("E", "x", List.of("1", "2", "3", "4", "5"), deep);
        try (EventQueueWriter writer = EventQueueWriter.open(dir, settings, listener)) {
            writer.write(LogEvent.builder().msg("x".repeat(10 * 1024 * 1024)).error(error).ctx(ctx).build());
            writer.write(LogEvent.builder().msg("y".repeat(10 * 1024 * 1024)).build());
            assertThat(writer.stats().truncated()).isEqualTo(2);
        }
        assertThat(listener.count(QueueProblem.TRUNCATED)).isEqualTo(1);
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            LogEvent e = reader.next();
            assertThat(e.msg()).hasSize(1000);
            assertThat(e.truncated()).isTrue();
            assertThat(e.error().frames()).containsExactly("1", "2", "3");
            assertThat(e.error().cause()).isNotNull();
            assertThat(e.error().cause().cause()).isNull();
            assertThat(e.ctx()).hasSize(2);
            assertThat(e.ctx().values()).allSatisfy(v -> assertThat(v).hasSize(10));
        }
    }

    @Test
    void replacesUnpairedSurrogatesAndKeepsPairs() {
        String text = "ok \uD83D\uDE00 lone-high \uD800 lone-low \uDC00 end \uD800";
        try (EventQueueWriter writer = EventQueueWriter.open(dir, QueueSettings.defaults(), listener)) {
            assertThat(writer.write(LogEvent.builder().msg(text).ctx(Map.of("k", "\uDC00")).build())).isTrue();
            assertThat(writer.stats().invalidText()).isEqualTo(1);
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            LogEvent e = reader.next();
            assertThat(e.msg()).isEqualTo("ok \uD83D\uDE00 lone-high \uFFFD lone-low \uFFFD end \uFFFD");
            assertThat(e.ctx()).containsEntry("k", "\uFFFD");
        }
    }

    @Test
    void writesANullMessageAsAMissingField() {
        try (EventQueueWriter writer = EventQueueWriter.open(dir, QueueSettings.defaults(), listener)) {
            assertThat(writer.write(LogEvent.builder().msg(null).build())).isTrue();
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            assertThat(reader.next().msg()).isEmpty();
        }
    }

    @Test
    void dropsAndCountsAnEventLoggedFromInsideAWrite() {
        try (EventQueueWriter writer = EventQueueWriter.open(dir, QueueSettings.defaults(), listener)) {
            EventSource<String> reentrant = new EventSource<>() {
                @Override
                public long epochNanos(String event) {
                    return 1;
                }

                @Override
                public String level(String event) {
                    return "INFO";
                }

                @Override
                public String logger(String event) {
                    return "outer";
                }

                @Override
                public String thread(String event) {
                    return "main";
                }

                @Override
                public boolean appendMessage(String event, StringBuilder out) {
                    assertThat(writer.write(LogEvent.builder().msg("nested").build())).isFalse();
                    out.append(event);
                    return true;
                }

                @Override
                public Throwable thrown(String event) {
                    return null;
                }

                @Override
                public void forEachContext(String event, ContextSink sink) {
                    sink.put("k", "v");
                }
            };
            assertThat(writer.write("outer message", reentrant)).isTrue();
            assertThat(writer.stats().droppedWriteFailed()).isOne();
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            LogEvent e = reader.next();
            assertThat(e.msg()).isEqualTo("outer message");
            assertThat(e.ctx()).containsEntry("k", "v");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void keepsEveryThreadsEventsInOrderWithoutLoss() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        try (EventQueueWriter writer = EventQueueWriter.open(dir, QueueSettings.defaults(), listener)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "writer-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        writer.write(LogEvent.builder().thread(name).msg(Integer.toString(i)).build());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(writer.stats().written()).isEqualTo((long) threads * perThread);
        }
        Map<String, Integer> next = new HashMap<>();
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            long previousSeq = -1;
            for (LogEvent e = reader.next(); e != null; e = reader.next()) {
                int expected = next.getOrDefault(e.thread(), 0);
                assertThat(Integer.parseInt(e.msg())).isEqualTo(expected);
                next.put(e.thread(), expected + 1);
                assertThat(e.seq()).isEqualTo(previousSeq + 1);
                previousSeq = e.seq();
            }
            assertThat(reader.gaps()).isZero();
        }
        assertThat(next).hasSize(threads).allSatisfy((k, v) -> assertThat(v).isEqualTo(perThread));
    }
}
