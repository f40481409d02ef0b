package io.contralog.core.queue;

import net.openhft.chronicle.core.io.SingleThreadedChecked;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The writer's one Chronicle queue and appender, plus what housekeeping needs to know about its cycle files.
 *
 * <p>Implementation note: Chronicle's appender belongs to one thread at a time, so every call that writes
 * must hold the owning {@link EventQueueWriter}'s lock.
 */
final class QueueHandle implements AutoCloseable {

    private static final String SUFFIX = ".cq4";
    private static final String INDEX_PREFIX = "index.";

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final RollingResourcesCache names;

    private QueueHandle(SingleChronicleQueue queue) {
        this.queue = queue;
        this.appender = queue.createAppender();
        // The writer's lock, not thread confinement, makes this appender safe to share.
        ((SingleThreadedChecked) appender).singleThreadedCheckDisabled(true);
        File dir = queue.file();
        this.names = new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
            name -> new File(dir, name + SUFFIX), file -> file.getName().replace(SUFFIX, ""));
    }

    static QueueHandle open(Path dir, QueueSettings settings, StoreFileListener listener) {
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.toFile())
            .rollCycle(rollCycle(settings.rollCycle()))
            .blockSize(blockSize(settings.maxQueueSize()))
            .storeFileListener(listener)
            .checkInterrupts(false)
            .build();
        try {
            return new QueueHandle(queue);
        } catch (RuntimeException | Error e) {
            queue.close();
            throw e;
        }
    }

    static RollCycle rollCycle(String name) {
        return switch (name) {
            case "HOURLY" -> RollCycles.FAST_HOURLY;
            case "DAILY" -> RollCycles.FAST_DAILY;
            case "TEST_SECONDLY" -> TestRollCycles.TEST_SECONDLY;
            default -> RollCycles.valueOf(name);
        };
    }

    /** Keeps the mapped chunk small relative to the cap so that a fresh cycle file does not exceed it alone. */
    static long blockSize(long maxQueueSize) {
        long ceiling = 64L << 20;
        long floor = 256L << 10;
        if (maxQueueSize <= 0) {
            return ceiling;
        }
        return Math.max(floor, Math.min(ceiling, Long.highestOneBit(maxQueueSize / 16)));
    }

    /**
     * Writes one encoded document; on any failure the partial document is rolled back and the failure rethrown.
     *
     * @return the bytes the document took
     */
    long write(EventEncoder event) {
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                dc.wire().bytes().write(event.buffer(), 0, event.length());
                return event.length();
            } catch (RuntimeException | Error e) {
                dc.rollbackOnClose();
                throw e;
            }
        }
    }

    /** The cycle new events are written to now. */
    int currentCycle() {
        return queue.cycle();
    }

    int cycleLengthMillis() {
        return queue.rollCycle().lengthInMillis();
    }

    long epoch() {
        return queue.epoch();
    }

    /** The cycle each named tailer has reached, by tailer name. */
    Map<String, Integer> namedTailerCycles() {
        Map<String, Integer> cycles = new HashMap<>();
        queue.metaStore().forEachKey(cycles, (acc, key, value) -> {
            String k = key.toString();
            if (k.startsWith(INDEX_PREFIX) && !k.endsWith(".lock") && !k.endsWith(".version")) {
                long index = value.int64();
                acc.put(k.substring(INDEX_PREFIX.length()), index <= 0 ? Integer.MIN_VALUE
                    : queue.rollCycle().toCycle(index));
            }
        });
        return cycles;
    }

    /** The cycle a file of this queue holds, or null when the file is not a cycle file. */
    Integer cycleOf(File file) {
        if (!file.getName().endsWith(SUFFIX)) {
            return null;
        }
        try {
            return names.parseCount(file.getName().substring(0, file.getName().length() - SUFFIX.length()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Makes the queue forget cycle files that housekeeping deleted. */
    void refreshDirectoryListing() {
        queue.refreshDirectoryListing();
    }

    @Override
    public void close() {
        try {
            appender.close();
        } finally {
            queue.close();
        }
    }
}
