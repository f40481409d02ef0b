package io.contralog.core.queue;

import io.contralog.core.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Fills a real 4 MiB tmpfs, where the machine lets the test mount one (Linux, as root). */
class FullDiskTest {

    @TempDir
    Path tmp;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void aFullDiskDropsCountsAndReportsWithoutThrowing() throws Exception {
        Path mountPoint = Files.createDirectories(tmp.resolve("small-disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.toString()),
            "cannot mount a 4 MiB tmpfs here (needs Linux and root); the size cap and WriteErrorInjection cover it");
        try {
            // A cap of 8MiB makes Chronicle's chunks 512KiB, so the writer's reserve (two chunks and 1MiB) leaves
            // room to write on this 4MiB file system before it stops.
            QueueSettings settings = QueueSettings.builder().maxQueueSize("8MiB").build();
            Path queue = mountPoint.resolve("queue");
            try (EventQueueWriter writer = EventQueueWriter.open(queue, settings, listener)) {
                String padding = ".".repeat(200);
                for (int i = 0; i < 100_000; i++) {
                    writer.write(LogEvent.builder().msg("event " + i + padding).build());
                }
                WriterStats stats = writer.stats();
                assertThat(stats.written()).isPositive();
                assertThat(stats.droppedWriteFailed()).isPositive();
                assertThat(stats.written() + stats.dropped()).isEqualTo(100_000);
            }
            assertThat(listener.count(QueueProblem.DISK_FULL)).isOne();
            assertThat(listener.reports).noneMatch(r -> r.startsWith("WRITE_FAILED"));
        } finally {
            run("umount", mountPoint.toString());
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
