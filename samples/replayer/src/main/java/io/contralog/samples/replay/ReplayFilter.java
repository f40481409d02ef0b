package io.contralog.samples.replay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Which events to replay: a time range and, for labelled files, normal or anomalous lines only. */
record ReplayFilter(Instant from, Instant until, Only only) {

    /** Which lines of a labelled file to keep. */
    enum Only { all, normal, anomalous }

    boolean accepts(LogLine line) {
        if (from != null && line.timestamp().isBefore(from)) {
            return false;
        }
        if (until != null && !line.timestamp().isBefore(until)) {
            return false;
        }
        switch (only) {
            case normal:
                return Boolean.TRUE.equals(line.normal());
            case anomalous:
                return Boolean.FALSE.equals(line.normal());
            default:
                return true;
        }
    }

    /** Reads a moment as epoch seconds (as fault-injection logs write them) or a local date-time in the zone. */
    static Instant moment(String value, ZoneId zone, String option) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.matches("\\d+(\\.\\d+)?")) {
                BigDecimal seconds = new BigDecimal(v);
                long whole = seconds.longValue();
                long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9)
                    .setScale(0, RoundingMode.HALF_UP).longValue();
                return Instant.ofEpochSecond(whole, nanos);
            }
            return LocalDateTime.parse(v.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value
                + "' is neither epoch seconds nor a date-time like 2023-11-18T08:46:14");
        }
    }
}
