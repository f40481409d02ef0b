package io.contralog.agent.pipeline;

import io.contralog.core.event.LogEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Notices a session field that a service never logs: every event of that service then has no key and falls
 * into one keyless window per service instead of one sequence per request, which the model was not trained on.
 *
 * <p>Each service is judged once, on its first {@link #EVENTS} events: one of them carrying the field clears
 * it; none carrying it logs one warning and tells the listener. After that the service costs one set lookup per
 * event.
 */
final class SessionFieldCheck {

    /** Events of one service looked at before warning that none carries the field. */
    static final int EVENTS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(SessionFieldCheck.class);
    private static final int SAMPLE_KEYS = 8;

    private final String field;
    private final Consumer<String> onMissing;
    private final Set<String> judged = new HashSet<>();
    private final Map<String, Seen> pending = new HashMap<>();

    private static final class Seen {
        int events;
        boolean emptyValue;
        final Set<String> keys = new TreeSet<>();
    }

    /**
     * @param field     the context key that holds the session key
     * @param onMissing told the service's name when its first events carry no such key
     */
    SessionFieldCheck(String field, Consumer<String> onMissing) {
        this.field = field;
        this.onMissing = onMissing;
    }

    void accept(LogEvent e) {
        String service = e.service() == null ? "" : e.service();
        if (judged.contains(service)) {
            return;
        }
        String value = e.ctx().get(field);
        if (value != null && !value.isEmpty()) {
            judge(service);
            return;
        }
        Seen seen = pending.computeIfAbsent(service, s -> new Seen());
        seen.events++;
        seen.emptyValue |= value != null;
        for (String key : e.ctx().keySet()) {
            if (seen.keys.size() < SAMPLE_KEYS && !key.equals(field)) {
                seen.keys.add(key);
            }
        }
        if (seen.events >= EVENTS) {
            judge(service);
            warn(service, seen);
            onMissing.accept(service);
        }
    }

    private void judge(String service) {
        judged.add(service);
        pending.remove(service);
    }

    private void warn(String service, Seen seen) {
        String carried = seen.keys.isEmpty() ? "no other context keys"
            : "context keys " + String.join(", ", seen.keys);
        String empty = seen.emptyValue ? " (some carry it with an empty value)" : "";
        LOG.warn("None of the first {} events of service '{}' carries a value for context key '{}'{}, which keys "
            + "its sessions (session.field, or the model's session settings); its events are cut into one keyless "
            + "window per service instead of one sequence per session. They carry {}. Set session.field to the "
            + "key that holds the request or session id, or put '{}' into the logging context (MDC)", EVENTS,
            service, field, empty, carried, field);
    }
}
