package io.contralog.core.queue;

/** A kind of trouble an {@link EventQueueWriter} reports once per interval instead of throwing. */
public enum QueueProblem {
    /** The JVM lacks the flags Chronicle Queue needs; the writer stays disabled and drops every event. */
    JVM_FLAGS_MISSING(true),
    /** The queue folder could not be created or opened; events are dropped until a retry succeeds. */
    FOLDER_UNAVAILABLE(true),
    /** The queue folder disappeared while the writer was running; it is recreated. */
    FOLDER_DELETED(true),
    /** Chronicle Queue failed to write an event, for example because the disk is full. */
    WRITE_FAILED(true),
    /**
     * The file system holding the queue folder has less free space than the writer keeps in reserve; new events
     * are dropped before a write into a memory-mapped page could fault.
     */
    DISK_FULL(true),
    /** The queue folder reached its size cap and no consumed cycle could be deleted; new events are dropped. */
    SIZE_CAP_REACHED(true),
    /** An event arrived after the writer was closed. */
    CLOSED(false),
    /** A message, error message or context value was longer than its limit and was cut. */
    TRUNCATED(false),
    /** Text held unpaired UTF-16 surrogates; each was replaced by U+FFFD. */
    INVALID_TEXT(false),
    /** Deleting an old cycle file or measuring the folder failed. */
    HOUSEKEEPING_FAILED(false);

    private final boolean error;

    QueueProblem(boolean error) {
        this.error = error;
    }

    /** Whether the problem loses events (an error) rather than changes them (a warning). */
    public boolean isError() {
        return error;
    }
}
