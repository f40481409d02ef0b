package io.contralog.core.queue;

import io.contralog.core.util.Durations;
import io.contralog.core.util.Sizes;
import net.openhft.chronicle.queue.impl.StoreFileListener;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a writer's queue folder healthy from one background thread: reopens it when it was unusable or deleted,
 * deletes consumed cycles past retention, and enforces the size cap.
 *
 * <p>Implementation note: a cycle may be deleted only when it is not the cycle being written and every named
 * tailer recorded in the queue's metadata has moved past it. With no named tailer nothing counts as consumed, so
 * a queue no reader has ever opened is bounded by the size cap alone: new events are dropped, old ones kept.
 */
final class QueueHousekeeper implements StoreFileListener {

    private final EventQueueWriter writer;
    private ScheduledExecutorService executor;
    private long nextReopenNanos;
    private volatile long passes;

    QueueHousekeeper(EventQueueWriter writer) {
        this.writer = writer;
    }

    synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "contralog-queue-housekeeper");
            t.setDaemon(true);
            return t;
        });
        long period = writer.settings().checkInterval().toMillis();
        executor.scheduleWithFixedDelay(this::check, 0, period, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public void onReleased(int cycle, File file) {
        ScheduledExecutorService e = executor;
        if (e != null && !e.isShutdown()) {
            try {
                e.execute(this::check);
            } catch (RuntimeException ignored) {
                // Shutting down; the next writer start checks again.
            }
        }
    }

    private synchronized void check() {
        try {
            if (!writer.isClosed()) {
                checkOnce();
            }
        } catch (Throwable t) {
            writer.report(QueueProblem.HOUSEKEEPING_FAILED, "housekeeping of queue folder " + writer.dir()
                + " failed: " + t, t);
        }
        passes++;
    }

    /** Completed checks, so that tests can wait for one instead of sleeping. */
    long passes() {
        return passes;
    }

    private void checkOnce() throws IOException {
        if (writer.handle() == null) {
            reopenWhenDue();
            return;
        }
        if (!Files.isDirectory(writer.dir())) {
            writer.report(QueueProblem.FOLDER_DELETED, "queue folder " + writer.dir()
                + " was deleted while in use; events written since are lost and the folder is recreated", null);
            writer.detach("the folder was deleted and is being recreated");
            writer.tryOpen();
            return;
        }
        if (writer.broken) {
            writer.detach("reopening after a failed write");
            writer.tryOpen();
            return;
        }
        deleteExpiredCycles();
        enforceCap();
        writer.measuredFreeSpace(Files.getFileStore(writer.dir()).getUsableSpace());
    }

    private void reopenWhenDue() {
        long now = System.nanoTime();
        if (now - nextReopenNanos >= 0) {
            nextReopenNanos = now + writer.settings().reopenInterval().toNanos();
            writer.tryOpen();
        }
    }

    private void deleteExpiredCycles() {
        QueueHandle h = writer.handle();
        if (h == null) {
            return;
        }
        long retentionMillis = writer.settings().retention().toMillis();
        long now = System.currentTimeMillis();
        for (Map.Entry<Integer, File> cycle : consumedCycles(h).entrySet()) {
            long cycleEnd = h.epoch() + (cycle.getKey() + 1L) * h.cycleLengthMillis();
            if (cycleEnd + retentionMillis <= now) {
                delete(h, cycle.getValue(), "it was consumed by every named tailer and is older than retention "
                    + Durations.format(writer.settings().retention()));
            }
        }
    }

    private void enforceCap() {
        long cap = writer.settings().maxQueueSize();
        QueueHandle h = writer.handle();
        if (cap <= 0 || h == null) {
            writer.overCap = false;
            return;
        }
        long limit = cap - writer.capHeadroom();
        long size = QueueFolder.size(writer.dir());
        writer.measured(size);
        if (size > limit) {
            for (File file : consumedCycles(h).values()) {
                if (size <= limit) {
                    break;
                }
                long length = file.length();
                if (delete(h, file, "the folder exceeded maxQueueSize " + Sizes.format(cap))) {
                    size -= length;
                }
            }
        }
        writer.measured(size);
        writer.overCap = size > limit;
    }

    /** Cycle files every named tailer has passed, oldest first, excluding the cycle being written. */
    private TreeMap<Integer, File> consumedCycles(QueueHandle h) {
        TreeMap<Integer, File> consumed = new TreeMap<>();
        Map<String, Integer> tailers = h.namedTailerCycles();
        if (tailers.isEmpty()) {
            return consumed;
        }
        int slowest = tailers.values().stream().mapToInt(Integer::intValue).min().orElse(Integer.MIN_VALUE);
        int current = h.currentCycle();
        File[] files = writer.dir().toFile().listFiles();
        if (files == null) {
            return consumed;
        }
        for (File file : files) {
            Integer cycle = h.cycleOf(file);
            if (cycle != null && cycle < current && cycle < slowest) {
                consumed.put(cycle, file);
            }
        }
        return consumed;
    }

    private boolean delete(QueueHandle h, File file, String why) {
        if (!file.delete()) {
            writer.report(QueueProblem.HOUSEKEEPING_FAILED, "could not delete " + file + " although " + why, null);
            return false;
        }
        writer.deletedCycles.increment();
        h.refreshDirectoryListing();
        return true;
    }
}
