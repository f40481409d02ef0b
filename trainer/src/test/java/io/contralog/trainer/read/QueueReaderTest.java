package io.contralog.trainer.read;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QueueReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatTheAppendersWroteAndDetectsTheFolder() throws Exception {
        Path queue = dir.resolve("queue");
        try (EventQueueWriter writer = EventQueueWriter.open(queue)) {
            for (int i = 0; i < 3; i++) {
                writer.write(LogEvent.builder().ts(1_000L + i).level("INFO").logger("a.B").thread("main")
                    .msg("event " + i).ctx(Map.of("requestId", "r" + i)).service("orders").seq(i)
                    .error(i == 2 ? new ErrorInfo("java.lang.IllegalStateException", "bad", List.of("a.B.c"), null)
                        : null)
                    .build());
            }
        }

        List<LabeledEvent> events = ReadTesting.readAll(List.of(queue), "auto", ReadOptions.defaults());

        assertThat(events).extracting(e -> e.event().msg()).containsExactly("event 0", "event 1", "event 2");
        assertThat(events.get(1).event().ctx()).containsEntry("requestId", "r1");
        assertThat(events.get(2).event().error().className()).isEqualTo("java.lang.IllegalStateException");
        assertThat(events).allSatisfy(e -> assertThat(e.anomalous()).isNull());
    }
}
