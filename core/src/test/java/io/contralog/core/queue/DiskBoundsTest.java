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
            long written = writer.stats().written();
            for (int j = 0; j < 1000; j++) {
                assertThat(writer.write(event(j))).isFalse();
            }
            WriterStats stats = writer.stats();
            assertThat(stats.droppedSizeCap()).isGreaterThanOrEqualTo(1000);
            assertThat(stats.written()).isEqualTo(written).isPositive();
            assertThat(QueueFolder.size(dir)).isLessThanOrEqualTo(cap + (cap / 4));
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
