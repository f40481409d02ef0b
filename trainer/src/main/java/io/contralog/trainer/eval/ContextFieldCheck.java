package io.contralog.trainer.eval;

import io.contralog.core.event.LogEvent;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses input in which no event carries the context field that sessions are keyed by: a misspelt field would
 * otherwise put every event of a service into one sequence per window, and train or score nonsense in silence.
 */
final class ContextFieldCheck {

    private static final int KEYS_NAMED = 8;

    private final String field;
    private final Set<String> otherKeys = new TreeSet<>();
    private boolean seen;

    ContextFieldCheck(String field) {
        this.field = field;
    }

    void accept(LogEvent event) {
        if (field == null || seen) {
            return;
        }
        String value = event.ctx().get(field);
        if (value != null && !value.isEmpty()) {
            seen = true;
            return;
        }
        for (Map.Entry<String, String> entry : event.ctx().entrySet()) {
            if (otherKeys.size() < KEYS_NAMED) {
                otherKeys.add(entry.getKey());
            }
        }
    }

    /** Throws when sessions are keyed by a field and some events were read, none of them carrying it. */
    void require(int events) {
        if (field == null || seen || events == 0) {
            return;
        }
        String fix = otherKeys.isEmpty() ? "they carry no context fields at all, so cut sequences by time with"
            + " --window or by count with --window-events"
            : "they carry the context fields " + otherKeys + "; name one of those with --session-field, or cut"
            + " sequences by time with --window or by count with --window-events";
        throw new IllegalArgumentException("sessions are keyed by the context field '" + field + "' (--session-field,"
            + " or the model's training settings), but none of the " + events + " events read carries it; " + fix);
    }
}
