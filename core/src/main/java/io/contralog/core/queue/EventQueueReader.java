package io.contralog.core.queue;

import io.contralog.core.ChronicleSupport;
import io.contralog.core.event.LogEvent;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads events from a queue folder, optionally through a named tailer whose position Chronicle stores in the
 * folder, so that a restarted reader resumes where it stopped and the writer's retention knows what is consumed.
 *
 * <p>Documents that are not events, or that cannot be decoded, are skipped and counted; gaps in a writer's
 * {@code seq} (events that writer dropped, or cycles deleted before they were read) are counted per writer.
 * One instance belongs to one thread.
 */
public final class EventQueueReader implements AutoCloseable {

    static {
        ChronicleSupport.disableAnalytics();
    }

    /**
     * Chronicle extends a file to whatever chunk a process maps, so a reader's large default chunk would make the
     * writer's files look tens of megabytes larger and trip the writer's size cap; small chunks avoid that.
     */
    private static final long READER_BLOCK_SIZE = 256L << 10;

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final Map<WriterKey, Long> lastSeq = new HashMap<>();
    private long index = -1;
    private long skipped;
    private long gaps;

    private EventQueueReader(SingleChronicleQueue queue, String tailerName) {
        this.queue = queue;
        this.tailer = tailerName == null ? queue.createTailer() : queue.createTailer(tailerName);
    }

    /**
     * Opens the queue in an existing folder.
     *
     * @param dir        the queue folder
     * @param tailerName the named tailer whose position is kept in the folder, or null to read from the start
     *                   without recording a position (as {@code dump-queue} does)
     * @throws IllegalArgumentException when {@code dir} is not an existing folder, or the JVM lacks Chronicle's
     *                                  flags (the message names them)
     */
    public static EventQueueReader open(Path dir, String tailerName) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("queue folder " + dir + " does not exist or is not a folder");
        }
        String missing = ChronicleSupport.missingJvmFlagsMessage();
        if (missing != null) {
            throw new IllegalArgumentException(missing);
        }
        // The writers' default roll cycle; an existing queue's own cycle wins, as Chronicle reads it from metadata.
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.toFile())
            .rollCycle(QueueHandle.rollCycle(QueueSettings.defaults().rollCycle()))
            .blockSize(READER_BLOCK_SIZE).checkInterrupts(false).build();
        try {
            return new EventQueueReader(queue, tailerName);
        } catch (RuntimeException | Error e) {
            queue.close();
            throw e;
        }
    }

    /**
     * Returns the next event, or null when none is available now. Never throws for a bad document.
     */
    public LogEvent next() {
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                if (dc.isMetaData()) {
                    continue;
                }
                long at = dc.index();
                LogEvent event = decode(dc);
                if (event != null) {
                    index = at;
                    countGap(event);
                    return event;
                }
            }
        }
    }

    private LogEvent decode(DocumentContext dc) {
        try {
            LogEvent event = EventWire.read(dc.wire());
            if (event == null) {
                skipped++;
            }
            return event;
        } catch (RuntimeException e) {
            skipped++;
            return null;
        }
    }

    private void countGap(LogEvent event) {
        if (event.seq() < 0) {
            return;
        }
        WriterKey key = new WriterKey(event.service(), event.host(), event.pid());
        Long previous = lastSeq.put(key, event.seq());
        if (previous != null && event.seq() > previous + 1) {
            gaps += event.seq() - previous - 1;
        }
    }

    /** The Chronicle index of the event {@link #next()} returned last, or -1 before the first. */
    public long index() {
        return index;
    }

    /**
     * Positions the reader so that {@link #next()} returns the event at {@code index} (or the first one after it
     * when that index no longer exists).
     *
     * @return whether the exact index exists
     */
    public boolean moveTo(long index) {
        boolean exact = tailer.moveToIndex(index);
        if (!exact) {
            // Deleted by retention, or never written: resume at the first event that is still there.
            if (index < queue.firstIndex()) {
                tailer.toStart();
            }
        }
        lastSeq.clear();
        return exact;
    }

    /** Moves to the first event still in the queue. */
    public void toStart() {
        tailer.toStart();
        lastSeq.clear();
    }

    /** Moves past the last event written so far. */
    public void toEnd() {
        tailer.toEnd();
        lastSeq.clear();
    }

    /** Documents skipped because they were not decodable events. */
    public long skipped() {
        return skipped;
    }

    /** Events missing between consecutive {@code seq} numbers of the same writer. */
    public long gaps() {
        return gaps;
    }

    @Override
    public void close() {
        try {
            tailer.close();
        } finally {
            queue.close();
        }
    }

    private record WriterKey(String service, String host, long pid) {
    }
}
