package io.contralog.samples.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the first line of an event in the common Logback and Log4j layouts: a timestamp, then thread,
 * level, logger and message in one of a few orders. Lines it does not recognise continue the previous event.
 */
final class HeaderParser {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern TIMESTAMP = Pattern.compile(
        "^(\\d{4}-\\d{2}-\\d{2})[ T_](\\d{2}:\\d{2}:\\d{2})(?:[,.](\\d{1,9}))?");
    // Tomcat's JULI layout: 12-Mar-2019 17:34:11.410
    private static final Pattern JULI_TIMESTAMP = Pattern.compile(
        "^(\\d{2}-[A-Z][a-z]{2}-\\d{4}) (\\d{2}:\\d{2}:\\d{2})(?:[,.](\\d{1,9}))?");
    private static final DateTimeFormatter JULI_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);
    private static final String LEVEL = "(?<level>TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SEVERE)";
    private static final List<Pattern> LAYOUTS = List.of(
        // Logback: [thread] LEVEL logger:line - message
        Pattern.compile("^\\s*\\[(?<thread>[^\\]]*)\\]\\s+" + LEVEL
            + "\\s+(?<logger>[^\\s:]+)(?::\\d+)?\\s+-\\s?(?<msg>.*)$"),
        // Log4j: LEVEL [thread] logger:line - message (or logger : message, threads padded)
        Pattern.compile("^\\s*" + LEVEL
            + "\\s+\\[(?<thread>[^\\]]*)\\]\\s+(?<logger>[^\\s:]+)(?::\\d+)?\\s+[-:]\\s?(?<msg>.*)$"),
        // Log4j 1.x as ZooKeeper writes it: - LEVEL [thread:logger@line] - message
        Pattern.compile("^\\s*-\\s+" + LEVEL + "\\s+\\[(?<inner>.*?)\\]\\s+-\\s(?<msg>.*)$"),
        // Spring Boot: LEVEL pid --- [app] [thread] logger : message
        Pattern.compile("^\\S*\\s+" + LEVEL + "\\s+\\d+\\s+---\\s+(?:\\[[^\\]]*\\]\\s+)?"
            + "\\[\\s*(?<thread>[^\\]]*)\\]\\s+(?<logger>\\S+)\\s*:\\s(?<msg>.*)$"),
        // Tomcat JULI: LEVEL [thread] class.method message
        Pattern.compile("^\\s*" + LEVEL + "\\s+\\[(?<thread>[^\\]]*)\\]\\s+(?<method>\\S+)\\s(?<msg>.*)$"));
    private static final Pattern THREAD_AND_LOGGER = Pattern.compile("^(?<thread>.*):(?<logger>[\\w$.]+)@\\d+$");

    private final ZoneId zone;

    HeaderParser(ZoneId zone) {
        this.zone = zone;
    }

    /** The event this line starts, without continuation lines, or null when it starts none. */
    LogLine parse(String line, Boolean normal) {
        String clean = ANSI.matcher(line).replaceAll("");
        Matcher ts = TIMESTAMP.matcher(clean);
        boolean juli = false;
        if (!ts.find()) {
            ts = JULI_TIMESTAMP.matcher(clean);
            juli = true;
            if (!ts.find()) {
                return null;
            }
        }
        String rest = clean.substring(ts.end());
        for (Pattern layout : LAYOUTS) {
            Matcher m = layout.matcher(rest);
            if (m.matches()) {
                return build(instant(ts, juli), m, normal);
            }
        }
        return null;
    }

    private LogLine build(Instant at, Matcher m, Boolean normal) {
        String thread;
        String logger;
        if (hasGroup(m, "inner")) {
            Matcher inner = THREAD_AND_LOGGER.matcher(m.group("inner"));
            thread = inner.matches() ? inner.group("thread") : m.group("inner");
            logger = inner.matches() ? inner.group("logger") : "root";
        } else if (hasGroup(m, "method")) {
            thread = m.group("thread").trim();
            String method = m.group("method");
            int dot = method.lastIndexOf('.');
            logger = dot > 0 ? method.substring(0, dot) : method;
        } else {
            thread = m.group("thread").trim();
            logger = m.group("logger");
        }
        return new LogLine(at, thread, level(m.group("level")), logger, m.group("msg").stripTrailing(), List.of(),
            normal);
    }

    private Instant instant(Matcher ts, boolean juli) {
        String fraction = ts.group(3) == null ? "0" : ts.group(3);
        int nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
        LocalDate date = juli ? LocalDate.parse(ts.group(1), JULI_DATE) : LocalDate.parse(ts.group(1));
        return LocalDateTime.of(date, LocalTime.parse(ts.group(2))).withNano(nanos).atZone(zone).toInstant();
    }

    private static boolean hasGroup(Matcher m, String name) {
        try {
            return m.group(name) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String level(String raw) {
        switch (raw.toUpperCase(Locale.ROOT)) {
            case "WARNING":
                return "WARN";
            case "FATAL":
            case "SEVERE":
                return "ERROR";
            default:
                return raw.toUpperCase(Locale.ROOT);
        }
    }
}
