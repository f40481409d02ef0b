package io.contralog.model.session;

import io.contralog.core.util.Durations;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How events are grouped into sequences: by a regex on the message, by a context (MDC) field, or not at all;
 * cut by a time window on event time, an event-count window, or a maximum length, whichever comes first.
 *
 * <p>A regex with a capturing group keys by the first group, otherwise by the whole match. A zero or absent
 * window or a zero {@code windowEvents} disables that cut. Keyed sessions also close after
 * {@code idleTimeout} without events, measured on the wall clock; unkeyed windows close that way only after
 * the longer of the idle timeout and the window, so that a service that stops logging still gets its last
 * window scored.
 *
 * @param keyRegex     regex applied to the message, or null
 * @param contextField context (MDC) key, or null
 * @param window       time window on event time, or null / zero for none
 * @param windowEvents events per window, or 0 for none
 * @param maxLength    most messages in one sequence
 * @param idleTimeout  wall-clock time without events after which a session closes, or null / zero for none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SessionSpec(
    String keyRegex,
    String contextField,
    @JsonSerialize(using = DurationJson.Writer.class) @JsonDeserialize(using = DurationJson.Reader.class)
    Duration window,
    int windowEvents,
    int maxLength,
    @JsonSerialize(using = DurationJson.Writer.class) @JsonDeserialize(using = DurationJson.Reader.class)
    Duration idleTimeout) {

    /** Default time window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    /** Default maximum number of messages in a sequence. */
    public static final int DEFAULT_MAX_LENGTH = 256;
    /** Default idle timeout of keyed sessions. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the combination; messages name the setting to change. */
    public SessionSpec {
        window = window == null ? Duration.ZERO : window;
        idleTimeout = idleTimeout == null ? Duration.ZERO : idleTimeout;
        if (keyRegex != null && keyRegex.isEmpty()) {
            keyRegex = null;
        }
        if (contextField != null && contextField.isEmpty()) {
            contextField = null;
        }
        if (keyRegex != null && contextField != null) {
            throw new IllegalArgumentException("session: set either a key regex or a context field, not both");
        }
        if (keyRegex != null) {
            try {
                Pattern.compile(keyRegex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("session key regex '" + keyRegex + "' does not compile: "
                    + e.getDescription(), e);
            }
        }
        if (window.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("session window and idle timeout must not be negative");
        }
        if (windowEvents < 0) {
            throw new IllegalArgumentException("session window events must be 0 (off) or positive, was "
                + windowEvents);
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("session max length must be at least 1, was " + maxLength);
        }
    }

    /** 60-second windows of at most 256 messages, no key. */
    public static SessionSpec defaults() {
        return new SessionSpec(null, null, DEFAULT_WINDOW, 0, DEFAULT_MAX_LENGTH, DEFAULT_IDLE_TIMEOUT);
    }

    /** Whether sessions are keyed by a regex or a context field. */
    public boolean keyed() {
        return keyRegex != null || contextField != null;
    }

    /** Most events before a sequence is cut by count: the smaller of the count window and the maximum length. */
    public int eventCap() {
        return windowEvents > 0 ? Math.min(windowEvents, maxLength) : maxLength;
    }

    /** Returns a copy with another maximum length. */
    public SessionSpec withMaxLength(int newMaxLength) {
        return new SessionSpec(keyRegex, contextField, window, windowEvents, newMaxLength, idleTimeout);
    }

    /** Writes the spec as the JSON object stored in the bundle manifest. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the JSON object written by {@link #toJson()}. */
    public static SessionSpec fromJson(String json) {
        try {
            return JSON.readValue(json, SessionSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("session settings are not valid: " + e.getOriginalMessage(), e);
        }
    }

    /** A short human-readable summary, such as {@code key /blk_-?\d+/, window 60s, max 256}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(keyRegex != null ? "key /" + keyRegex + "/" : contextField != null ? "key ctx." + contextField
            : "no key");
        if (!window.isZero()) {
            s.append(", window ").append(Durations.format(window));
        }
        if (windowEvents > 0) {
            s.append(", window ").append(windowEvents).append(" events");
        }
        s.append(", max ").append(maxLength);
        if (!idleTimeout.isZero()) {
            s.append(", idle ").append(Durations.format(idleTimeout));
        }
        return s.toString();
    }
}
