package io.contralog.core.queue;

import io.contralog.core.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FolderFailureTest {

    private static final QueueSettings FAST = QueueSettings.builder().checkInterval(Duration.ofMillis(20))
        .reopenInterval(Duration.ofMillis(50)).build();

    @TempDir
    Path tmp;

    private final RecordingListener listener = new RecordingListener();

    private static LogEvent event(String msg) {
        return LogEvent.builder().ts(1).msg(msg).build();
    }

    @Test
    void createsAMissingFolderWithItsParents() {
        Path dir = tmp.resolve("a/b/queue");
        try (EventQueueWriter writer = EventQueueWriter.open(dir, FAST, listener)) {
            assertThat(writer.write(event("hello"))).isTrue();
        }
        assertThat(listener.reports).isEmpty();
    }

    @Test
    void dropsCountsAndReportsOnceWhenTheFolderIsAFileThenRecoversWhenItIsFixed() throws IOException {
        Path dir = tmp.resolve("queue");
        Files.writeString(dir, "not a folder");
        try (EventQueueWriter writer = EventQueueWriter.open(dir, FAST, listener)) {
            for (int i = 0; i < 100; i++) {
                assertThat(writer.write(event("lost " + i))).isFalse();
            }
            assertThat(writer.stats().droppedUnavailable()).isEqualTo(100);
            assertThat(listener.count(QueueProblem.FOLDER_UNAVAILABLE)).isEqualTo(1);
            assertThat(listener.reports.get(0)).contains(dir.toString()).contains("is a file, not a folder");

            Files.delete(dir);
            Await.until(Duration.ofSeconds(10), writer::isWriting);
            assertThat(writer.write(event("after the fix"))).isTrue();
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            LogEvent first = reader.next();
            assertThat(first.msg()).isEqualTo("after the fix");
            assertThat(first.seq()).isEqualTo(100);
        }
    }

    @Test
    void recreatesAFolderDeletedWhileRunning() throws IOException {
        Path dir = tmp.resolve("queue");
        try (EventQueueWriter writer = EventQueueWriter.open(dir, FAST, listener)) {
            assertThat(writer.write(event("before"))).isTrue();
            deleteTree(dir);
            Await.until(Duration.ofSeconds(10), () -> listener.count(QueueProblem.FOLDER_DELETED) == 1
                && writer.isWriting() && Files.isDirectory(dir));
            assertThat(writer.write(event("after"))).isTrue();
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            assertThat(reader.next().msg()).isEqualTo("after");
        }
    }

    @Test
    void dropsCountsAndReportsOnceWhenTheOperatingSystemRefusesWritesThenRecovers() {
        Path dir = tmp.resolve("queue");
        try (EventQueueWriter writer = EventQueueWriter.open(dir, FAST, listener)) {
            assertThat(writer.write(event("first"))).isTrue();
            WriteErrorInjection.failWritesIn(dir);
            try {
                for (int i = 0; i < 50; i++) {
                    assertThat(writer.write(event("lost"))).isFalse();
                }
            } finally {
                WriteErrorInjection.disarm();
            }
            assertThat(writer.stats().droppedWriteFailed()).isPositive();
            assertThat(writer.stats().dropped()).isEqualTo(50);
            assertThat(listener.count(QueueProblem.WRITE_FAILED)).isEqualTo(1);
            assertThat(listener.reports.get(0)).contains("No space left on device");
            Await.until(Duration.ofSeconds(10), () -> writer.write(event("recovered")));
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            assertThat(reader.next().msg()).isEqualTo("first");
            assertThat(reader.next().msg()).isEqualTo("recovered");
            assertThat(reader.gaps()).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void countsEventsThatArriveAfterClose() {
        Path dir = tmp.resolve("queue");
        EventQueueWriter writer = EventQueueWriter.open(dir, FAST, listener);
        assertThat(writer.close(Duration.ofSeconds(1))).isTrue();
        assertThat(writer.write(event("late"))).isFalse();
        assertThat(writer.stats().droppedClosed()).isEqualTo(1);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
