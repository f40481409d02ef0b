package io.contralog.model.session;

import io.contralog.core.event.LogEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * Groups a stream of events into sequences online, per service, as a {@link SessionSpec} says.
 *
 * <p>Implementation notes: windows run on event time. Each service has a watermark, the latest event time seen
 * from it; a session whose window ends at or before the watermark is closed, found through a per-service queue
 * ordered by window end (closed sessions left in the queue are skipped). Idle timeouts run on the wall clock
 * passed in, so tests move time instead of sleeping. Open sessions sit in a map in order of last activity; when
 * there are more than the bound, the least recently active one is closed early and counted, rather than
 * dropped, so its events are still scored. Not thread-safe: one thread feeds it.
 */
public final class Sessionizer {

    /** Default bound on open sessions. */
    public static final int DEFAULT_MAX_OPEN = 100_000;

    private final SessionSpec spec;
    private final SessionKeys keys;
    private final LongSupplier wallClock;
    private final int maxOpen;
    private final LinkedHashMap<String, Open> open = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, PriorityQueue<Open>> deadlines = new HashMap<>();
    private final Map<String, Long> watermarks = new HashMap<>();
    private long evicted;
    private long nextOrder;

    /** A sessionizer with the default bound on open sessions. */
    public Sessionizer(SessionSpec spec, LongSupplier wallClockNanos) {
        this(spec, wallClockNanos, DEFAULT_MAX_OPEN);
    }

    /** A sessionizer that keeps at most {@code maxOpen} sessions open. */
    public Sessionizer(SessionSpec spec, LongSupplier wallClockNanos, int maxOpen) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1, was " + maxOpen);
        }
        this.spec = spec;
        this.keys = new SessionKeys(spec);
        this.wallClock = wallClockNanos;
        this.maxOpen = maxOpen;
    }

    /** Groups a finite list of events in one go (for training and evaluation): every session is flushed. */
    public static List<Sequence> sessionize(Iterable<LogEvent> events, SessionSpec spec) {
        Sessionizer s = new Sessionizer(spec, () -> 0L, Integer.MAX_VALUE);
        List<Sequence> out = new ArrayList<>();
        for (LogEvent e : events) {
            out.addAll(s.accept(e));
        }
        out.addAll(s.flush());
        return out;
    }

    /** Adds one event and returns the sequences it closed, in the order they closed. */
    public List<Sequence> accept(LogEvent event) {
        List<Sequence> closed = new ArrayList<>(0);
        String service = event.service() == null ? "" : event.service();
        String key = keys.keyOf(event);
        long watermark = Math.max(watermarks.getOrDefault(service, Long.MIN_VALUE), event.ts());
        watermarks.put(service, watermark);

        String id = service + '\u0000' + key;
        Open session = open.get(id);
        if (session != null && event.ts() >= session.windowEnd) {
            closed.add(close(id, session, Sequence.CloseReason.WINDOW));
            session = null;
        }
        if (session == null) {
            session = start(id, service, key, event.ts());
        }
        session.events.add(event);
        session.lastWall = wallClock.getAsLong();
        if (session.events.size() >= spec.eventCap()) {
            closed.add(close(id, session, Sequence.CloseReason.LENGTH));
        }
        closePastWatermark(service, watermark, closed);
        evictOverflow(closed);
        return closed;
    }

    /** Closes sessions without events for the idle timeout, measured against {@code wallNanos}. */
    public List<Sequence> closeIdle(long wallNanos) {
        List<Sequence> closed = new ArrayList<>(0);
        if (spec.idleTimeout().isZero()) {
            return closed;
        }
        long keyedIdle = spec.idleTimeout().toNanos();
        long unkeyedIdle = Math.max(keyedIdle, spec.window().toNanos());
        Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Open s = it.next().getValue();
            long idle = s.key.isEmpty() ? unkeyedIdle : keyedIdle;
            if (wallNanos - s.lastWall >= idle) {
                it.remove();
                s.closed = true;
                closed.add(s.toSequence(Sequence.CloseReason.IDLE));
            }
        }
        return closed;
    }

    /** Closes every open session, oldest first. */
    public List<Sequence> flush() {
        List<Open> all = new ArrayList<>(open.values());
        all.sort(Comparator.comparingLong((Open s) -> s.startTs).thenComparing(s -> s.id));
        open.clear();
        deadlines.clear();
        List<Sequence> out = new ArrayList<>(all.size());
        for (Open s : all) {
            s.closed = true;
            out.add(s.toSequence(Sequence.CloseReason.FLUSH));
        }
        return out;
    }

    /** Sessions closed early because more than the bound were open. */
    public long evicted() {
        return evicted;
    }

    /** Sessions open now. */
    public int openSessions() {
        return open.size();
    }

    /**
     * The earliest-arriving event still held in an open session, or null: a reader that restarts from it
     * rebuilds every open session.
     */
    public LogEvent oldestOpenFirstEvent() {
        LogEvent oldest = null;
        long oldestOrder = Long.MAX_VALUE;
        for (Open s : open.values()) {
            if (s.order < oldestOrder) {
                oldestOrder = s.order;
                oldest = s.events.get(0);
            }
        }
        return oldest;
    }

    private Open start(String id, String service, String key, long ts) {
        long end = spec.window().isZero() ? Long.MAX_VALUE : saturatedAdd(ts, spec.window().toNanos());
        Open s = new Open(id, service, key, ts, end, nextOrder++);
        open.put(id, s);
        if (end != Long.MAX_VALUE) {
            deadlines.computeIfAbsent(service, k -> new PriorityQueue<>(
                Comparator.comparingLong((Open o) -> o.windowEnd))).add(s);
        }
        return s;
    }

    private Sequence close(String id, Open s, Sequence.CloseReason reason) {
        open.remove(id);
        s.closed = true;
        return s.toSequence(reason);
    }

    private void closePastWatermark(String service, long watermark, List<Sequence> closed) {
        PriorityQueue<Open> queue = deadlines.get(service);
        while (queue != null && !queue.isEmpty() && queue.peek().windowEnd <= watermark) {
            Open s = queue.poll();
            if (!s.closed) {
                closed.add(close(s.id, s, Sequence.CloseReason.WINDOW));
            }
        }
    }

    private void evictOverflow(List<Sequence> closed) {
        while (open.size() > maxOpen) {
            Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator();
            Open eldest = it.next().getValue();
            it.remove();
            eldest.closed = true;
            evicted++;
            closed.add(eldest.toSequence(Sequence.CloseReason.EVICTED));
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** One open session. */
    private static final class Open {
        final String id;
        final String service;
        final String key;
        final long startTs;
        final long windowEnd;
        final long order;
        final List<LogEvent> events = new ArrayList<>();
        long lastWall;
        boolean closed;

        Open(String id, String service, String key, long startTs, long windowEnd, long order) {
            this.id = id;
            this.service = service;
            this.key = key;
            this.startTs = startTs;
            this.windowEnd = windowEnd;
            this.order = order;
        }

        Sequence toSequence(Sequence.CloseReason reason) {
            return Sequence.of(service, key, events, reason);
        }
    }
}
