package io.contralog.core.queue;

import io.contralog.core.ChronicleSupport;
import io.contralog.core.event.LogEvent;
import io.contralog.core.util.Sizes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes log events to a Chronicle queue folder from any number of threads; never throws into the caller.
 *
 * <p>Problems (missing JVM flags, an unusable or deleted folder, a full disk, the size cap) are reported through
 * a {@link ProblemListener}, rate-limited, and every event that is not written is counted in {@link #stats()}.
 * A background housekeeper reopens the queue when the folder becomes usable, deletes consumed cycles past
 * retention, and enforces the size cap even when no reader runs.
 *
 * <p>Implementation note: one lock guards one Chronicle appender. Sequence numbers are handed out under that
 * lock, so {@code seq} grows in queue order and every dropped event leaves a gap a reader can count.
 */
public final class EventQueueWriter implements AutoCloseable {

    static {
        ChronicleSupport.disableAnalytics();
    }

    private static final int LOCK_SPINS = 200;

    private final Path dir;
    private final QueueSettings settings;
    private final ProblemReporter reporter;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong seq = new AtomicLong();
    private final ThreadLocal<EventScratch> scratch;
    private final String missingFlags;
    private final QueueHousekeeper housekeeper;
    private final LongAdder written = new LongAdder();
    private final LongAdder droppedUnavailable = new LongAdder();
    private final LongAdder droppedSizeCap = new LongAdder();
    private final LongAdder droppedWriteFailed = new LongAdder();
    private final LongAdder droppedClosed = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder invalidText = new LongAdder();
    private final LongAdder skippedQueueLogs = new LongAdder();
    final LongAdder deletedCycles = new LongAdder();

    private volatile QueueHandle handle;
    private volatile boolean closed;
    volatile boolean overCap;
    volatile boolean diskLow;
    volatile boolean broken;
    private volatile String unavailableReason = "not opened yet";
    /** Folder size at the last measurement plus the bytes written since, guarded by {@link #lock}. */
    private long estimatedSize;
    /** Room kept below the cap for Chronicle to grow a cycle file by a chunk; see {@link #capHeadroom()}. */
    private final long capHeadroom;
    /** Free bytes of the file system at the last measurement minus the bytes written since, guarded by lock. */
    private long spaceLeft = Long.MAX_VALUE;
    private final long diskReserve;

    private EventQueueWriter(Path dir, QueueSettings settings, ProblemListener listener) {
        this.dir = dir.toAbsolutePath().normalize();
        this.settings = settings;
        this.reporter = new ProblemReporter(listener, settings.reportInterval().toNanos());
        this.scratch = ThreadLocal.withInitial(() -> new EventScratch(settings));
        this.missingFlags = ChronicleSupport.missingJvmFlagsMessage();
        this.housekeeper = new QueueHousekeeper(this);
        this.capHeadroom = settings.maxQueueSize() > 0 ? 2 * QueueHandle.blockSize(settings.maxQueueSize()) : 0;
        this.diskReserve = 2 * QueueHandle.blockSize(settings.maxQueueSize()) + (1L << 20);
    }

    /**
     * Free space the writer leaves on the file system. Writing into a memory-mapped page of a full file system
     * raises SIGBUS, which the JVM turns into an InternalError at some later, uncatchable point in the
     * application's own code; keeping two of Chronicle's chunks free avoids ever touching such a page.
     */
    long diskReserve() {
        return diskReserve;
    }

    /**
     * Chronicle grows a cycle file a whole chunk at a time, so writing stops two chunks below the cap; the folder
     * then never passes the cap, at the price of using at most seven eighths of it.
     */
    long capHeadroom() {
        return capHeadroom;
    }

    /**
     * Opens (creating if needed) the queue in {@code dir}. Never throws: when the queue cannot be opened the
     * writer reports why, drops and counts events, and keeps trying in the background.
     */
    public static EventQueueWriter open(Path dir, QueueSettings settings, ProblemListener listener) {
        EventQueueWriter writer = new EventQueueWriter(dir, settings, listener);
        writer.start();
        return writer;
    }

    /** Opens with default settings, reporting problems to standard error; for tools and tests. */
    public static EventQueueWriter open(Path dir) {
        return open(dir, QueueSettings.defaults(), ProblemListener.STDERR);
    }

    private void start() {
        if (missingFlags != null) {
            unavailableReason = missingFlags;
            reporter.report(QueueProblem.JVM_FLAGS_MISSING, missingFlags, null);
            return;
        }
        tryOpen();
        housekeeper.start();
    }

    /**
     * Writes an event built elsewhere. Its service, host, pid and seq are kept when set, and filled in from this
     * writer when empty or negative.
     *
     * @return whether the event reached the queue
     */
    public boolean write(LogEvent event) {
        if (event == null) {
            return false;
        }
        EventScratch s = scratch.get();
        if (s.busy) {
            return reentered();
        }
        s.busy = true;
        try {
            s.reset();
            fill(s, event);
            return commit(s, event);
        } catch (Throwable t) {
            return failed(t);
        } finally {
            s.busy = false;
        }
    }

    /**
     * Writes a framework's event through its {@link EventSource}, without building a {@link LogEvent}.
     *
     * @return whether the event reached the queue
     */
    public <E> boolean write(E event, EventSource<E> source) {
        if (isQueueLog(source.logger(event))) {
            skippedQueueLogs.increment();
            return false;
        }
        if (closed) {
            return drop(droppedClosed, QueueProblem.CLOSED);
        }
        EventScratch s = scratch.get();
        if (s.busy) {
            return reentered();
        }
        s.busy = true;
        try {
            s.reset();
            fill(s, event, source);
            return commit(s, null);
        } catch (Throwable t) {
            return failed(t);
        } finally {
            s.busy = false;
        }
    }

    /**
     * Chronicle Queue logs about its own files (growing a file, where it loaded from) through the application's
     * logging; writing those lines into the queue would feed host- and timing-specific text about the queue itself
     * into training and scoring, so an appender attached to the root logger skips them.
     */
    private static boolean isQueueLog(String logger) {
        return logger != null && logger.startsWith("net.openhft.");
    }

    private <E> void fill(EventScratch s, E event, EventSource<E> source) {
        int max = settings.maxMessageLength();
        s.ts = source.epochNanos(event);
        s.level = TextBounds.bound(source.level(event), max, s);
        s.logger = TextBounds.bound(source.logger(event), max, s);
        s.thread = TextBounds.bound(source.thread(event), max, s);
        s.hasMessage = source.appendMessage(event, s.message);
        TextBounds.bound(s.message, max, s);
        Throwable thrown = source.thrown(event);
        s.error = thrown != null ? ErrorBounds.of(thrown, settings, s)
            : ErrorBounds.of(source.errorInfo(event), settings, s);
        source.forEachContext(event, s.context);
    }

    private void fill(EventScratch s, LogEvent event) {
        int max = settings.maxMessageLength();
        s.ts = event.ts();
        s.level = TextBounds.bound(event.level(), max, s);
        s.logger = TextBounds.bound(event.logger(), max, s);
        s.thread = TextBounds.bound(event.thread(), max, s);
        s.hasMessage = event.msg() != null;
        if (s.hasMessage) {
            s.message.append(event.msg());
            TextBounds.bound(s.message, max, s);
        }
        s.truncated |= event.truncated();
        s.error = ErrorBounds.of(event.error(), settings, s);
        s.context.putAll(event.ctx());
    }

    private boolean commit(EventScratch s, LogEvent original) {
        if (closed) {
            return drop(droppedClosed, QueueProblem.CLOSED);
        }
        if (overCap) {
            return drop(droppedSizeCap, QueueProblem.SIZE_CAP_REACHED);
        }
        if (diskLow) {
            return drop(droppedWriteFailed, QueueProblem.DISK_FULL);
        }
        String service = pick(original == null ? null : original.service(), settings.service());
        String host = pick(original == null ? null : original.host(), HostInfo.HOST);
        long pid = original != null && original.pid() >= 0 ? original.pid() : HostInfo.PID;
        s.encoder.encodeBody(s, service, host, pid);
        boolean done;
        lockWithBriefSpin();
        try {
            done = writeLocked(s.encoder, original);
        } finally {
            lock.unlock();
        }
        if (done) {
            written.increment();
            noteRepairs(s);
        }
        return done;
    }

    /**
     * The lock is held for a few hundred nanoseconds, so a thread that finds it taken retries for a few microseconds
     * before it parks: with more logging threads than cores, parking and being woken again made the 99th percentile
     * of a call 20 to 35 microseconds, and the retries bring it to 3 to 5.
     */
    private void lockWithBriefSpin() {
        for (int i = 0; i < LOCK_SPINS; i++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    private boolean writeLocked(EventEncoder encoded, LogEvent original) {
        QueueHandle h = handle;
        if (h == null || closed) {
            seq.getAndIncrement();
            return closed ? drop(droppedClosed, QueueProblem.CLOSED) : dropUnavailable();
        }
        long n = original != null && original.seq() >= 0 ? original.seq() : seq.getAndIncrement();
        try {
            WriteErrorInjection.check(dir);
            encoded.finishWithSeq(n);
            long bytes = h.write(encoded);
            estimatedSize += bytes;
            spaceLeft -= bytes;
            if (spaceLeft < diskReserve) {
                diskLow = true;
            }
            if (settings.maxQueueSize() > 0 && estimatedSize + capHeadroom > settings.maxQueueSize()) {
                // Between two measurements the cap still holds: stop at the estimate and let housekeeping decide.
                overCap = true;
            }
            return true;
        } catch (Throwable t) {
            broken = true;
            droppedWriteFailed.increment();
            if (reporter.due(QueueProblem.WRITE_FAILED)) {
                reporter.emit(QueueProblem.WRITE_FAILED, "writing to queue folder " + dir
                    + " failed; the event was dropped and the queue will be reopened: " + describe(t), t);
            }
            return false;
        }
    }

    private static String describe(Throwable t) {
        StringBuilder text = new StringBuilder(String.valueOf(t));
        for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause() == c ? null : c.getCause()) {
            text.append("; caused by ").append(c);
        }
        return text.toString();
    }

    private static String pick(String own, String fallback) {
        return own == null || own.isEmpty() ? fallback : own;
    }

    private void noteRepairs(EventScratch s) {
        if (s.truncated) {
            truncated.increment();
            if (reporter.due(QueueProblem.TRUNCATED)) {
                reporter.emit(QueueProblem.TRUNCATED, "an event was longer than its limits (maxMessageLength "
                    + settings.maxMessageLength() + ", maxStackFrames " + settings.maxStackFrames()
                    + ", maxContextEntries " + settings.maxContextEntries() + ") and was cut", null);
            }
        }
        if (s.invalidText) {
            invalidText.increment();
            reporter.report(QueueProblem.INVALID_TEXT,
                "an event held unpaired UTF-16 surrogates; each was replaced by U+FFFD", null);
        }
    }

    /**
     * A log call made from inside a write (Chronicle logs through SLF4J, which may lead back to this appender) is
     * dropped and counted rather than allowed to corrupt the document being written.
     */
    private boolean reentered() {
        seq.getAndIncrement();
        droppedWriteFailed.increment();
        reporter.report(QueueProblem.WRITE_FAILED, "an event was logged from inside a write to queue folder " + dir
            + " (for example by Chronicle Queue's own logging) and was dropped", null);
        return false;
    }

    private boolean failed(Throwable t) {
        seq.getAndIncrement();
        droppedWriteFailed.increment();
        if (reporter.due(QueueProblem.WRITE_FAILED)) {
            reporter.emit(QueueProblem.WRITE_FAILED, "an event could not be prepared for queue folder " + dir
                + " and was dropped: " + describe(t), t);
        }
        return false;
    }

    private boolean drop(LongAdder counter, QueueProblem problem) {
        counter.increment();
        if (reporter.due(problem)) {
            reporter.emit(problem, dropMessage(problem), null);
        }
        return false;
    }

    private boolean dropUnavailable() {
        return drop(droppedUnavailable, missingFlags != null ? QueueProblem.JVM_FLAGS_MISSING
            : QueueProblem.FOLDER_UNAVAILABLE);
    }

    private String dropMessage(QueueProblem problem) {
        return switch (problem) {
            case CLOSED -> "an event arrived after the queue writer for " + dir + " was closed; it was dropped";
            case SIZE_CAP_REACHED -> "queue folder " + dir + " reached maxQueueSize "
                + Sizes.format(settings.maxQueueSize()) + " and no consumed cycle can be deleted; new events are"
                + " dropped until a reader consumes older cycles or the cap is raised";
            case JVM_FLAGS_MISSING -> missingFlags + "; events are dropped";
            case DISK_FULL -> "the file system of queue folder " + dir + " has less than "
                + Sizes.format(diskReserve) + " free; new events are dropped until space is freed";
            default -> "queue folder " + dir + " is unavailable (" + unavailableReason
                + "); events are dropped until it can be opened";
        };
    }

    /** Tries to open the queue now; on failure reports and leaves the retry to the housekeeper. */
    boolean tryOpen() {
        if (closed || missingFlags != null) {
            return false;
        }
        try {
            QueueFolder.prepare(dir);
            long usable = Files.getFileStore(dir).getUsableSpace();
            if (usable < diskReserve) {
                throw new IllegalStateException("its file system has only " + Sizes.format(usable)
                    + " free, less than the " + Sizes.format(diskReserve) + " the writer keeps in reserve");
            }
            QueueHandle opened = QueueHandle.open(dir, settings, housekeeper);
            measuredFreeSpace(usable);
            publish(opened);
            return true;
        } catch (Throwable t) {
            unavailableReason = String.valueOf(t.getMessage() == null ? t : t.getMessage());
            reporter.report(QueueProblem.FOLDER_UNAVAILABLE, "cannot open queue folder " + dir + ": "
                + unavailableReason + "; events are dropped and opening is retried every "
                + settings.reopenInterval().toMillis() + "ms", t);
            return false;
        }
    }

    private void publish(QueueHandle opened) {
        lock.lock();
        try {
            if (closed) {
                opened.close();
                return;
            }
            handle = opened;
            broken = false;
        } finally {
            lock.unlock();
        }
    }

    /** Detaches and closes the current queue, so that writes drop until the next {@link #tryOpen()}. */
    void detach(String reason) {
        QueueHandle old;
        lock.lock();
        try {
            unavailableReason = reason;
            old = handle;
            handle = null;
        } finally {
            lock.unlock();
        }
        closeQuietly(old);
    }

    void report(QueueProblem problem, String message, Throwable cause) {
        reporter.report(problem, message, cause);
    }

    /** Records a fresh measurement of the folder, replacing the running estimate. */
    void measured(long size) {
        lock.lock();
        try {
            estimatedSize = size;
        } finally {
            lock.unlock();
        }
    }

    /** Records a fresh measurement of the file system's free space. */
    void measuredFreeSpace(long usable) {
        lock.lock();
        try {
            spaceLeft = usable;
        } finally {
            lock.unlock();
        }
        diskLow = usable < diskReserve;
    }

    long housekeepingPasses() {
        return housekeeper.passes();
    }

    QueueHandle handle() {
        return handle;
    }

    Path dir() {
        return dir;
    }

    QueueSettings settings() {
        return settings;
    }

    boolean isClosed() {
        return closed;
    }

    /** The folder this writer writes to. */
    public Path directory() {
        return dir;
    }

    /** Whether the queue is open and events are being written now. */
    public boolean isWriting() {
        return handle != null && !overCap && !diskLow && !closed;
    }

    /** A snapshot of the counters. */
    public WriterStats stats() {
        long unavailable = droppedUnavailable.sum();
        long cap = droppedSizeCap.sum();
        long failed = droppedWriteFailed.sum();
        long late = droppedClosed.sum();
        return new WriterStats(written.sum(), unavailable + cap + failed + late, unavailable, cap, failed, late,
            truncated.sum(), invalidText.sum(), deletedCycles.sum(), seq.get() - 1, skippedQueueLogs.sum());
    }

    /**
     * Stops writing and releases the queue, waiting at most {@code timeout} for a write in progress. Events that
     * arrive afterwards are counted as dropped.
     *
     * @return true when the queue was closed within the timeout
     */
    public boolean close(Duration timeout) {
        closed = true;
        housekeeper.stop();
        boolean locked = false;
        try {
            locked = lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        QueueHandle old = handle;
        handle = null;
        try {
            closeQuietly(old);
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
        return locked;
    }

    /** Closes, waiting up to five seconds for a write in progress. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private void closeQuietly(QueueHandle h) {
        if (h == null) {
            return;
        }
        try {
            h.close();
        } catch (Throwable t) {
            reporter.report(QueueProblem.HOUSEKEEPING_FAILED, "closing queue folder " + dir + " failed: " + t, t);
        }
    }
}
