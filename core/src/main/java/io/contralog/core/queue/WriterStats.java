package io.contralog.core.queue;

/**
 * A snapshot of an {@link EventQueueWriter}'s counters.
 *
 * @param written             events written to the queue
 * @param dropped             events not written, for any reason (the sum of the drop counters below)
 * @param droppedUnavailable  dropped because the folder or JVM flags made the queue unusable
 * @param droppedSizeCap      dropped because the folder was at its size cap
 * @param droppedWriteFailed  dropped because Chronicle Queue failed to write them
 * @param droppedClosed       dropped because they arrived after close
 * @param truncated           events whose message, error or context was cut to a limit
 * @param invalidText         events whose text held unpaired surrogates that were replaced
 * @param deletedCycles       cycle files deleted by retention or the size cap
 * @param lastSeq             the last sequence number handed out, -1 before the first event
 * @param skippedQueueLogs    Chronicle Queue's own log events, which are not written (see {@link EventQueueWriter})
 */
public record WriterStats(long written, long dropped, long droppedUnavailable, long droppedSizeCap,
                          long droppedWriteFailed, long droppedClosed, long truncated, long invalidText,
                          long deletedCycles, long lastSeq, long skippedQueueLogs) {

    /** The counters of a writer that was never opened. */
    public static final WriterStats NONE = new WriterStats(0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0);
}
