package io.contralog.model.session;

import io.contralog.core.event.LogEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A closed session: the events of one service and key, in event-time order, ready to be scored.
 *
 * @param id      stable id derived from service, key, and the first event's time and sequence number, so that a
 *                restarted agent that rebuilds the session derives the same id
 * @param service service that logged the events
 * @param key     session key, or the empty string for unkeyed windows
 * @param events  the events, in event-time order
 * @param startTs event time of the first event, epoch nanoseconds
 * @param endTs   event time of the last event, epoch nanoseconds
 * @param reason  what closed the session
 */
public record Sequence(String id, String service, String key, List<LogEvent> events, long startTs, long endTs,
                      CloseReason reason) {

    /** Copies the event list so that a sequence never changes after it is closed. */
    public Sequence {
        events = List.copyOf(events);
    }

    /** Builds a sequence from events in any order; they are sorted by event time (stable). */
    public static Sequence of(String service, String key, List<LogEvent> events, CloseReason reason) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a sequence needs at least one event");
        }
        List<LogEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(LogEvent::ts));
        LogEvent first = sorted.get(0);
        return new Sequence(idOf(service, key, first), service, key, sorted, first.ts(),
            sorted.get(sorted.size() - 1).ts(), reason);
    }

    /** Number of events. */
    public int size() {
        return events.size();
    }

    /** The id a sequence of {@code service} and {@code key} starting with {@code first} gets. */
    public static String idOf(String service, String key, LogEvent first) {
        String basis = service + '\u0000' + key + '\u0000' + first.ts() + '\u0000' + first.seq();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Why a session was closed. */
    public enum CloseReason {
        /** An event arrived past the session's time window, or the service's watermark passed it. */
        WINDOW,
        /** The event-count window or the maximum length was reached. */
        LENGTH,
        /** No event arrived for the idle timeout (wall clock). */
        IDLE,
        /** Too many sessions were open; the least recently active was closed early. */
        EVICTED,
        /** The input ended or the sessionizer was flushed. */
        FLUSH
    }
}
