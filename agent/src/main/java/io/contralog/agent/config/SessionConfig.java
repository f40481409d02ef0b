package io.contralog.agent.config;

import java.time.Duration;

/**
 * Overrides of the sessionization the bundle was trained with; a key left out keeps the bundle's value.
 *
 * @param key          regex on the message whose first group (or whole match) is the session key
 * @param field        context (MDC) field that holds the session key
 * @param window       event-time window that cuts a sequence
 * @param windowEvents event-count window that cuts a sequence
 * @param maxLength    most messages in one sequence
 * @param idleTimeout  wall-clock time after which a keyed session without new events closes
 * @param maxOpen      bound on open sessions per service; the oldest is closed early beyond it (and counted)
 */
public record SessionConfig(String key, String field, Duration window, Integer windowEvents, Integer maxLength,
                            Duration idleTimeout, Integer maxOpen) {

    /** Fills defaults for keys the file leaves out. */
    public SessionConfig {
        maxOpen = maxOpen == null ? 100_000 : maxOpen;
    }

    /** The configuration with no overrides. */
    public static SessionConfig defaults() {
        return new SessionConfig(null, null, null, null, null, null, null);
    }
}
