package io.contralog.agent.tail;

import java.util.List;

/**
 * Where a restarted agent resumes: the index of the last event whose effects are complete, and the sessions
 * that were still open then, each with the index of its first event.
 *
 * @param readIndex    index of the last event read and fully handled (its closed sequences scored and alerted),
 *                     or -1 when none was yet
 * @param openSessions sessions open at that point; a restart re-reads from the smallest first index and keeps
 *                     only these sessions' events up to {@code readIndex}
 * @param startIndex   index of the first event this agent ever read; where a restart begins when
 *                     {@code readIndex} is -1 (the queue's named position may be ahead of what was handled)
 */
public record Checkpoint(long readIndex, List<OpenSession> openSessions, long startIndex) {

    /** Normalises the list to an unmodifiable, never-null list. */
    public Checkpoint {
        openSessions = openSessions == null ? List.of() : List.copyOf(openSessions);
    }

    /** A checkpoint taken before the first event is handled. */
    public static Checkpoint start(long firstIndex) {
        return new Checkpoint(-1, List.of(), firstIndex);
    }

    /** The index to move the reader to: the first event of the oldest open session, or {@code readIndex}. */
    public long restartIndex() {
        if (readIndex < 0) {
            return startIndex;
        }
        long min = readIndex;
        for (OpenSession s : openSessions) {
            min = Math.min(min, s.firstIndex());
        }
        return min;
    }

    /**
     * One open session.
     *
     * @param service    its service
     * @param key        its session key ({@code ""} for an unkeyed window)
     * @param firstIndex queue index of its first event
     */
    public record OpenSession(String service, String key, long firstIndex) {
    }
}
