package io.contralog.core.queue;

import io.contralog.core.util.Durations;
import io.contralog.core.util.Sizes;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The limits and disk policy of one {@link EventQueueWriter}; immutable, built with {@link #builder()}.
 *
 * <p>Every setter rejects a bad value with an {@link IllegalArgumentException} whose message starts with the
 * option's name as the appenders spell it, so that configuration errors name the attribute.
 */
public final class QueueSettings {

    /** Roll cycle names accepted by {@link Builder#rollCycle(String)}; {@code TEST_SECONDLY} exists for tests. */
    public static final List<String> ROLL_CYCLES = List.of("FIVE_MINUTELY", "TEN_MINUTELY", "TWENTY_MINUTELY",
        "HALF_HOURLY", "HOURLY", "TWO_HOURLY", "FOUR_HOURLY", "SIX_HOURLY", "DAILY", "WEEKLY", "TEST_SECONDLY");

    private final String service;
    private final int maxMessageLength;
    private final int maxStackFrames;
    private final int maxCauseDepth;
    private final Set<String> contextKeys;
    private final int maxContextEntries;
    private final int maxContextValueLength;
    private final String rollCycle;
    private final Duration retention;
    private final long maxQueueSize;
    private final Duration reportInterval;
    private final Duration checkInterval;
    private final Duration reopenInterval;

    private QueueSettings(Builder b) {
        this.service = b.service;
        this.maxMessageLength = b.maxMessageLength;
        this.maxStackFrames = b.maxStackFrames;
        this.maxCauseDepth = b.maxCauseDepth;
        this.contextKeys = b.contextKeys;
        this.maxContextEntries = b.maxContextEntries;
        this.maxContextValueLength = b.maxContextValueLength;
        this.rollCycle = b.rollCycle;
        this.retention = b.retention;
        this.maxQueueSize = b.maxQueueSize;
        this.reportInterval = b.reportInterval;
        this.checkInterval = b.checkInterval;
        this.reopenInterval = b.reopenInterval;
    }

    /** Starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 16384-char messages, 64 frames, 8 causes, 32 context entries, hourly cycles, 6h, 1GiB. */
    public static QueueSettings defaults() {
        return builder().build();
    }

    public String service() {
        return service;
    }

    public int maxMessageLength() {
        return maxMessageLength;
    }

    public int maxStackFrames() {
        return maxStackFrames;
    }

    public int maxCauseDepth() {
        return maxCauseDepth;
    }

    /** Context keys to capture; empty means all keys. */
    public Set<String> contextKeys() {
        return contextKeys;
    }

    public int maxContextEntries() {
        return maxContextEntries;
    }

    public int maxContextValueLength() {
        return maxContextValueLength;
    }

    public String rollCycle() {
        return rollCycle;
    }

    /** How long consumed cycles are kept before they are deleted. */
    public Duration retention() {
        return retention;
    }

    /** Disk bytes the queue folder may use before new events are dropped; 0 means no cap. */
    public long maxQueueSize() {
        return maxQueueSize;
    }

    /** Minimum time between two reports of the same problem. */
    public Duration reportInterval() {
        return reportInterval;
    }

    /** How often the folder's size, existence and retention are checked. */
    public Duration checkInterval() {
        return checkInterval;
    }

    /** How long to wait before trying again to open a queue folder that could not be opened. */
    public Duration reopenInterval() {
        return reopenInterval;
    }

    /** Fluent builder of {@link QueueSettings}; each setter validates its value. */
    public static final class Builder {
        private String service = "";
        private int maxMessageLength = 16_384;
        private int maxStackFrames = 64;
        private int maxCauseDepth = 8;
        private Set<String> contextKeys = Set.of();
        private int maxContextEntries = 32;
        private int maxContextValueLength = 1024;
        private String rollCycle = "HOURLY";
        private Duration retention = Duration.ofHours(6);
        private long maxQueueSize = 1L << 30;
        private Duration reportInterval = Duration.ofMinutes(1);
        private Duration checkInterval = Duration.ofSeconds(1);
        private Duration reopenInterval = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder service(String service) {
            this.service = service == null ? "" : service;
            return this;
        }

        public Builder maxMessageLength(int chars) {
            this.maxMessageLength = atLeast("maxMessageLength", chars, 16);
            return this;
        }

        public Builder maxStackFrames(int frames) {
            this.maxStackFrames = atLeast("maxStackFrames", frames, 0);
            return this;
        }

        public Builder maxCauseDepth(int depth) {
            this.maxCauseDepth = atLeast("maxCauseDepth", depth, 0);
            return this;
        }

        /** Context keys to capture; an empty set (the default) captures all keys up to the entry limit. */
        public Builder contextKeys(Set<String> keys) {
            this.contextKeys = keys == null ? Set.of() : Set.copyOf(keys);
            return this;
        }

        /** Parses a comma-separated key list such as {@code requestId, user}. */
        public Builder contextKeys(String commaSeparated) {
            if (commaSeparated == null || commaSeparated.isBlank()) {
                return contextKeys(Set.of());
            }
            return contextKeys(Set.of(commaSeparated.trim().split("\\s*,\\s*")));
        }

        public Builder maxContextEntries(int entries) {
            this.maxContextEntries = atLeast("maxContextEntries", entries, 0);
            return this;
        }

        public Builder maxContextValueLength(int chars) {
            this.maxContextValueLength = atLeast("maxContextValueLength", chars, 1);
            return this;
        }

        /** One of {@link #ROLL_CYCLES}, case-insensitive. */
        public Builder rollCycle(String name) {
            String upper = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
            if (!ROLL_CYCLES.contains(upper)) {
                throw new IllegalArgumentException("rollCycle: '" + name + "' is not a roll cycle; use one of "
                    + String.join(", ", ROLL_CYCLES.subList(0, ROLL_CYCLES.size() - 1)));
            }
            this.rollCycle = upper;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = nonNegative("retention", retention);
            return this;
        }

        /** Parses a retention such as {@code 6h}. */
        public Builder retention(String text) {
            return retention(Durations.parse("retention", text));
        }

        public Builder maxQueueSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxQueueSize: " + bytes + " is negative; use 0 for no cap");
            }
            this.maxQueueSize = bytes;
            return this;
        }

        /** Parses a size cap such as {@code 1GiB}; {@code 0} means no cap. */
        public Builder maxQueueSize(String text) {
            return maxQueueSize(Sizes.parse("maxQueueSize", text));
        }

        public Builder reportInterval(Duration interval) {
            this.reportInterval = nonNegative("reportInterval", interval);
            return this;
        }

        public Builder checkInterval(Duration interval) {
            this.checkInterval = positive("checkInterval", interval);
            return this;
        }

        public Builder reopenInterval(Duration interval) {
            this.reopenInterval = positive("reopenInterval", interval);
            return this;
        }

        /**
         * Sets an option by the name the appenders use for it, parsing its text; a null or blank value leaves
         * the default. Names: service, maxMessageLength, maxStackFrames, maxCauseDepth, contextKeys,
         * maxContextEntries, maxContextValueLength, rollCycle, retention, maxQueueSize, reportInterval.
         *
         * @throws IllegalArgumentException starting with the option's name when the name or value is wrong
         */
        public Builder option(String name, String value) {
            if (value == null || value.isBlank()) {
                return this;
            }
            return switch (name) {
                case "service" -> service(value.trim());
                case "maxMessageLength" -> maxMessageLength(number(name, value));
                case "maxStackFrames" -> maxStackFrames(number(name, value));
                case "maxCauseDepth" -> maxCauseDepth(number(name, value));
                case "contextKeys" -> contextKeys(value);
                case "maxContextEntries" -> maxContextEntries(number(name, value));
                case "maxContextValueLength" -> maxContextValueLength(number(name, value));
                case "rollCycle" -> rollCycle(value);
                case "retention" -> retention(value);
                case "maxQueueSize" -> maxQueueSize(value);
                case "reportInterval" -> reportInterval(Durations.parse(name, value));
                default -> throw new IllegalArgumentException(name + ": not a queue option");
            };
        }

        private static int number(String name, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number");
            }
        }

        public QueueSettings build() {
            return new QueueSettings(this);
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + ": " + value + " is too small; the minimum is " + min);
            }
            return value;
        }

        private static Duration nonNegative(String name, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + ": '" + value + "' must be zero or positive");
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + ": '" + value + "' must be positive");
            }
            return value;
        }
    }
}
