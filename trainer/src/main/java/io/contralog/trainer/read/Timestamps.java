package io.contralog.trainer.read;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the timestamp shapes that Java logging layouts print into epoch nanoseconds.
 *
 * <p>Implementation notes: ISO-like stamps ({@code 2020-06-19 10:24:15.488}, {@code ..._12:38:52,686},
 * {@code ...T00:57:43.202+05:00}) are normalised to ISO-8601 and parsed by the JDK; a stamp without an offset is
 * taken as UTC, because a log file rarely says its zone and sessions only need consistent order and spacing.
 * A stamp with only a time of day lands on 1970-01-01.
 */
public final class Timestamps {

    /** Returned when a text is not a timestamp this class knows. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    /** A regex that matches every date-and-time shape {@link #parse} accepts; used by pattern layouts. */
    public static final String ANY_REGEX = "(?:\\d{4}-\\d{2}-\\d{2}[ T_]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?"
        + "(?:Z|[+-]\\d{2}:?\\d{2})?"
        + "|\\d{2}-[A-Za-z]{3}-\\d{4} \\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?"
        + "|\\d{1,2} [A-Za-z]{3} \\d{4} \\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?"
        + "|\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?)";

    private static final Pattern ISO = Pattern.compile(
        "(\\d{4}-\\d{2}-\\d{2})[ T_](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern TIME_ONLY = Pattern.compile("(\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?");
    private static final DateTimeFormatter MONTH_NAME_DATE = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern("[dd-MMM-yyyy][d MMM yyyy] HH:mm:ss")
        .optionalStart().appendLiteral('.').appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd()
        .toFormatter(Locale.ENGLISH);

    private Timestamps() {
    }

    /** Returns the epoch nanoseconds of {@code text}, or {@link #UNKNOWN}. */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        String trimmed = text.strip();
        long fast = plainIso(trimmed);
        if (fast != UNKNOWN) {
            return fast;
        }
        try {
            Matcher iso = ISO.matcher(trimmed);
            if (iso.matches()) {
                return iso(iso);
            }
            Matcher time = TIME_ONLY.matcher(trimmed);
            if (time.matches()) {
                LocalTime local = LocalTime.parse(time.group(1)).withNano(nanos(time.group(2)));
                return toNanos(LocalDateTime.of(LocalDate.EPOCH, local).toInstant(ZoneOffset.UTC));
            }
            if (Character.isDigit(trimmed.charAt(0)) && trimmed.matches("\\d{10,19}")) {
                return fromEpochNumber(Long.parseLong(trimmed));
            }
            LocalDateTime named = LocalDateTime.parse(trimmed.replace(',', '.'), MONTH_NAME_DATE);
            return toNanos(named.toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | NumberFormatException e) {
            return UNKNOWN;
        }
    }

    /**
     * Parses the most common shape, {@code yyyy-MM-dd HH:mm:ss[.,]fraction} without an offset, digit by digit: it is
     * on every line of most logs, and the general path costs tens of microseconds.
     */
    private static long plainIso(String t) {
        int n = t.length();
        if (n < 19 || n > 29 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(13) != ':'
            || t.charAt(16) != ':' || " T_".indexOf(t.charAt(10)) < 0) {
            return UNKNOWN;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int nanos = 0;
        if (n > 19) {
            if ((t.charAt(19) != '.' && t.charAt(19) != ',') || n == 20) {
                return UNKNOWN;
            }
            int fraction = digits(t, 20, n);
            if (fraction < 0) {
                return UNKNOWN;
            }
            nanos = fraction;
            for (int i = n - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
            || minute > 59 || second < 0 || second > 59) {
            return UNKNOWN;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return (epochDay * 86_400L + hour * 3600L + minute * 60L + second) * 1_000_000_000L + nanos;
        } catch (java.time.DateTimeException e) {
            return UNKNOWN;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Interprets a bare epoch number by its size: seconds, milliseconds, microseconds or nanoseconds. */
    public static long fromEpochNumber(long value) {
        long magnitude = Math.abs(value);
        if (magnitude < 100_000_000_000L) {
            return value * 1_000_000_000L;
        }
        if (magnitude < 100_000_000_000_000L) {
            return value * 1_000_000L;
        }
        if (magnitude < 100_000_000_000_000_000L) {
            return value * 1_000L;
        }
        return value;
    }

    /** Returns the epoch nanoseconds of an instant. */
    public static long toNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static long iso(Matcher iso) {
        LocalDateTime local = LocalDateTime.of(LocalDate.parse(iso.group(1)),
            LocalTime.parse(iso.group(2)).withNano(nanos(iso.group(3))));
        String offset = iso.group(4);
        if (offset == null) {
            return toNanos(local.toInstant(ZoneOffset.UTC));
        }
        if (offset.length() == 5) {
            offset = offset.substring(0, 3) + ":" + offset.substring(3);
        }
        return toNanos(OffsetDateTime.of(local, ZoneOffset.of(offset)).toInstant());
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        StringBuilder padded = new StringBuilder(fraction);
        while (padded.length() < 9) {
            padded.append('0');
        }
        return Integer.parseInt(padded.toString());
    }
}
