package io.contralog.core.queue;

import io.contralog.core.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class DiskBoundsTest {

    private static final Duration FAST = Duration.ofMillis(20);

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    private static LogEvent event(int i) {
        return LogEvent.builder().ts(System.currentTimeMillis() * 1_000_000L).logger("disk.Test")
            .msg("event number " + i + " with some padding to make it a realistic size ..........................")
            .build();
    }

    @Test
    void dropsAndCountsNewEventsOnceTheSizeCapIsReachedWithoutAReader() {
        long cap = 1L << 20;
        QueueSettings settings = QueueSettings.builder().maxQueueSize(cap).checkInterval(FAST).build();
        try (EventQueueWriter writer = EventQueueWriter.open(dir, settings, listener)) {
            int i = 0;
            while (writer.stats().droppedSizeCap() == 0 && i < 5_000_000) {
                writer.write(event(i++));
            }
            for (int j = 0; j < 1000; j++) {
                writer.write(event(j));
            }
            WriterStats stats = writer.stats();
            assertThat(stats.droppedSizeCap()).isPositive();
            assertThat(stats.written() + stats.dropped()).isEqualTo(i + 1000L);
            assertThat(QueueFolder.size(dir)).isLessThanOrEqualTo(cap);
            assertThat(listener.count(QueueProblem.SIZE_CAP_REACHED)).isEqualTo(1);
            assertThat(listener.reports).anySatisfy(r -> assertThat(r).contains("maxQueueSize 1MiB"));
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            long read = 0;
            while (reader.next() != null) {
                read++;
            }
            assertThat(read).isPositive();
        }
    }

    @Test
    void deletesConsumedCyclesBeforeDroppingWhenTheSizeCapIsReached() {
        long cap = 4L << 20;
        long oneCycle;
        Path probe = dir.resolve("probe");
        try (EventQueueWriter writer = EventQueueWriter.open(probe, QueueSettings.builder().rollCycle("TEST_SECONDLY")
            .maxQueueSize(cap).build(), listener)) {
            writer.write(event(0));
            oneCycle = QueueFolder.size(probe);
        }
        // Room for two cycles plus the writer's headroom: the third cycle must make room by deleting the first.
        cap = oneCycle * 3;
        QueueSettings settings = QueueSettings.builder().rollCycle("TEST_SECONDLY").retention("1h")
            .maxQueueSize(cap).checkInterval(FAST).build();
        Path dir = this.dir.resolve("queue");
        try (EventQueueWriter writer = EventQueueWriter.open(dir, settings, listener);
             EventQueueReader reader = EventQueueReader.open(dir, "agent")) {
            for (int cycle = 0; cycle < 8 && writer.stats().deletedCycles() == 0; cycle++) {
                long second = System.currentTimeMillis() / 1000;
                assertThat(writer.write(event(cycle))).isTrue();
                while (reader.next() != null) {
                    assertThat(reader.gaps()).isZero();
                }
                Await.until(Duration.ofSeconds(3), () -> System.currentTimeMillis() / 1000 > second);
            }
            assertThat(writer.stats().deletedCycles()).isPositive();
            assertThat(writer.stats().droppedSizeCap()).isZero();
            assertThat(QueueFolder.size(dir)).isLessThanOrEqualTo(cap);
        }
    }

    @Test
    void deletesCyclesEveryNamedTailerHasPassedOnceRetentionExpires() {
        QueueSettings settings = QueueSettings.builder().rollCycle("TEST_SECONDLY").retention(Duration.ZERO)
            .checkInterval(FAST).build();
        try (EventQueueWriter writer = EventQueueWriter.open(dir, settings, listener);
             EventQueueReader fast = EventQueueReader.open(dir, "fast");
             EventQueueReader slow = EventQueueReader.open(dir, "slow")) {
            writeInThreeCycles(writer);
            drain(fast);
            long passes = writer.housekeepingPasses();
            Await.until(Duration.ofSeconds(10), () -> writer.housekeepingPasses() > passes + 2);
            assertThat(cycleFiles()).hasSize(3);
            assertThat(writer.stats().deletedCycles()).isZero();

            drain(slow);
            Await.until(Duration.ofSeconds(10), () -> writer.stats().deletedCycles() == 2);
            assertThat(cycleFiles()).hasSize(1);
            assertThat(writer.stats().deletedCycles()).isEqualTo(2);
            assertThat(writer.write(event(99))).isTrue();
        }
    }

    @Test
    void keepsEverythingWhenNoNamedTailerExists() {
        QueueSettings settings = QueueSettings.builder().rollCycle("TEST_SECONDLY").retention(Duration.ZERO)
            .checkInterval(FAST).build();
        try (EventQueueWriter writer = EventQueueWriter.open(dir, settings, listener)) {
            writeInThreeCycles(writer);
            long passes = writer.housekeepingPasses();
            Await.until(Duration.ofSeconds(10), () -> writer.housekeepingPasses() > passes + 2);
            assertThat(cycleFiles()).hasSize(3);
        }
    }

    private void writeInThreeCycles(EventQueueWriter writer) {
        for (int cycle = 0; cycle < 3; cycle++) {
            long second = System.currentTimeMillis() / 1000;
            assertThat(writer.write(event(cycle))).isTrue();
            if (cycle < 2) {
                Await.until(Duration.ofSeconds(3), () -> System.currentTimeMillis() / 1000 > second);
            }
        }
        assertThat(cycleFiles()).hasSize(3);
    }

    private static void drain(EventQueueReader reader) {
        int read = 0;
        while (reader.next() != null) {
            read++;
        }
        assertThat(read).isEqualTo(3);
    }

    private File[] cycleFiles() {
        File[] files = dir.toFile().listFiles((d, name) -> name.endsWith(".cq4"));
        return files == null ? new File[0] : Arrays.stream(files).sorted().toArray(File[]::new);
    }
}
