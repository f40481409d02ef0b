package io.contralog.core.util;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats durations written as {@code 500ms}, {@code 2s}, {@code 60s}, {@code 5m} or {@code 1h}. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param name  the option being parsed, named in the error message
     * @param value text such as {@code 60s}
     * @return the duration, never negative
     * @throws IllegalArgumentException naming the option when the text is not a duration
     */
    public static Duration parse(String name, String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a duration where the caller names the option in its own error.
     *
     * @throws IllegalArgumentException giving the accepted forms when the text is not a duration
     */
    public static Duration parse(String value) {
        Matcher m = value == null ? null : DURATION.matcher(value.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + value
                + "' is not a duration; write it like 500ms, 2s, 60s, 5m or 1h");
        }
        long number = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(number);
            case "s" -> Duration.ofSeconds(number);
            case "m" -> Duration.ofMinutes(number);
            case "h" -> Duration.ofHours(number);
            default -> Duration.ofDays(number);
        };
    }

    /**
     * Formats a duration in the largest unit that divides it exactly, such as {@code 5m}; below two minutes it
     * stays in seconds ({@code 60s}), so that {@code parse(format(d))} equals d and windows read as configured.
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000L == 0 && millis != 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis % 3_600_000L == 0 && millis != 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0 && millis >= 120_000L) {
            return millis / 60_000L + "m";
        }
        if (millis % 1000L == 0) {
            return millis / 1000L + "s";
        }
        return millis + "ms";
    }
}
