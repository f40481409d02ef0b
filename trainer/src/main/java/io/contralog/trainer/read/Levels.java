package io.contralog.trainer.read;

import java.util.Locale;

/** Maps the level names of Logback, Log4j, java.util.logging and syslog onto the Logback names. */
public final class Levels {

    private Levels() {
    }

    /** Returns the Logback-style level for {@code level}, upper-cased; empty for null or blank. */
    public static String normalise(String level) {
        if (level == null || level.isBlank()) {
            return "";
        }
        String upper = level.strip().toUpperCase(Locale.ROOT);
        switch (upper) {
            case "WARNING":
                return "WARN";
            case "SEVERE", "CRITICAL", "CRIT", "ERR":
                return "ERROR";
            case "CONFIG", "FINE":
                return "DEBUG";
            case "FINER", "FINEST":
                return "TRACE";
            case "NOTICE":
                return "INFO";
            default:
                return upper;
        }
    }
}
