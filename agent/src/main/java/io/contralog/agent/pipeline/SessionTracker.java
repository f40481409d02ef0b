package io.contralog.agent.pipeline;

import io.contralog.agent.tail.Checkpoint;
import io.contralog.core.event.LogEvent;
import io.contralog.model.session.Sequence;
import io.contralog.model.session.SessionSpec;
import io.contralog.model.session.SessionKeys;
import io.contralog.model.session.Sessionizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The online sessions of the services one model serves, plus the queue index of each open session's first
 * event, which is what the checkpoint needs.
 */
final class SessionTracker {

    private final Sessionizer sessionizer;
    private final SessionKeys keys;
    private final Map<String, First> openFirst = new HashMap<>();
    private final SessionFieldCheck fieldCheck;

    private record First(LogEvent event, long index, String service, String key) {
    }

    /** Sessions as {@code spec} says; {@code onFieldMissing} hears of each service that never logs its field. */
    SessionTracker(SessionSpec spec, int maxOpen, Consumer<String> onFieldMissing) {
        this.sessionizer = new Sessionizer(spec, System::nanoTime, maxOpen);
        this.keys = new SessionKeys(spec);
        this.fieldCheck = spec.contextField() == null ? null
            : new SessionFieldCheck(spec.contextField(), onFieldMissing);
    }

    String keyOf(LogEvent e) {
        return keys.keyOf(e);
    }

    /** Adds the event read at {@code index} and returns the sequences it closed. */
    List<Sequence> accept(LogEvent e, long index) {
        if (fieldCheck != null) {
            fieldCheck.accept(e);
        }
        List<Sequence> closed = sessionizer.accept(e);
        boolean inClosed = false;
        for (Sequence s : closed) {
            forget(s);
            inClosed |= containsIdentity(s, e);
        }
        if (!inClosed) {
            String service = e.service() == null ? "" : e.service();
            String key = keys.keyOf(e);
            openFirst.putIfAbsent(id(service, key), new First(e, index, service, key));
        }
        return closed;
    }

    List<Sequence> closeIdle(long wallNanos) {
        List<Sequence> closed = sessionizer.closeIdle(wallNanos);
        closed.forEach(this::forget);
        return closed;
    }

    private void forget(Sequence s) {
        String id = id(s.service(), s.key());
        First f = openFirst.get(id);
        if (f != null && containsIdentity(s, f.event())) {
            openFirst.remove(id);
        }
    }

    private static boolean containsIdentity(Sequence s, LogEvent e) {
        for (LogEvent x : s.events()) {
            if (x == e) {
                return true;
            }
        }
        return false;
    }

    private static String id(String service, String key) {
        return service + '\u0000' + key;
    }

    int open() {
        return sessionizer.openSessions();
    }

    long evicted() {
        return sessionizer.evicted();
    }

    void addOpenSessions(List<Checkpoint.OpenSession> out) {
        for (First f : openFirst.values()) {
            out.add(new Checkpoint.OpenSession(f.service(), f.key(), f.index()));
        }
    }
}
