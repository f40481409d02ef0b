package io.contralog.trainer.read;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Logback or Log4j pattern layout ({@code %d [%t] %-5level %logger{36} - %msg%n}) turned into a regular
 * expression that reads the lines the layout wrote.
 *
 * <p>Implementation notes: whitespace in the pattern matches any run of whitespace, because padding
 * ({@code %-5p}, {@code %-40.40logger}) adds a varying number of spaces; threads are matched lazily up to the
 * text that follows them, so that thread names with brackets or colons still parse; colour wrappers such as
 * {@code %clr(...)} and {@code %highlight(...)} match their content; Spring's {@code ${NAME:-default}}
 * placeholders take their default.
 */
public final class PatternLayout {

    private static final Pattern CONVERSION = Pattern.compile("%(-?\\d*(?:\\.-?\\d+)?)([a-zA-Z]+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^:}]+:-([^}]*)}");
    private static final String LEVEL_REGEX = "(?<level>(?i:TRACE|DEBUG|INFO|WARNING|WARN|ERROR|FATAL|SEVERE"
        + "|CONFIG|FINEST|FINER|FINE|NOTICE|CRITICAL))";
    private static final String NAME_REGEX = "[^\\s:@]+";

    private final String source;
    private final Pattern regex;
    private final List<String> ctxKeys;
    private final DateTimeFormatter customDate;
    private final List<String> groups;

    private PatternLayout(String source, Pattern regex, List<String> ctxKeys, DateTimeFormatter customDate,
                          List<String> groups) {
        this.source = source;
        this.regex = regex;
        this.ctxKeys = ctxKeys;
        this.customDate = customDate;
        this.groups = groups;
    }

    /** Compiles {@code pattern}; an unknown conversion word is a {@link LogReadException} naming it. */
    public static PatternLayout compile(String pattern) {
        Builder builder = new Builder(pattern);
        builder.append(PLACEHOLDER.matcher(pattern).replaceAll(m -> Matcher.quoteReplacement(m.group(1))));
        try {
            return new PatternLayout(pattern, Pattern.compile("^" + builder.out), builder.ctxKeys,
                builder.customDate, List.copyOf(builder.used));
        } catch (PatternSyntaxException e) {
            throw new LogReadException("--pattern '" + pattern + "' cannot be read: " + e.getDescription());
        }
    }

    /** Returns the pattern this layout was compiled from. */
    public String source() {
        return source;
    }

    /** Returns the fields of {@code line}, or null when the line does not start an event in this layout. */
    public ParsedLine match(String line) {
        Matcher m = regex.matcher(line);
        if (!m.lookingAt()) {
            return null;
        }
        Map<String, String> ctx = Map.of();
        if (!ctxKeys.isEmpty()) {
            ctx = new LinkedHashMap<>();
            for (int i = 0; i < ctxKeys.size(); i++) {
                String value = m.group("ctx" + i);
                if (value != null && !value.isBlank()) {
                    ctx.put(ctxKeys.get(i), value.strip());
                }
            }
        }
        return new ParsedLine(timestamp(group(m, "ts")), Levels.normalise(group(m, "level")),
            group(m, "thread").strip(), group(m, "logger").strip(), stripTrailing(group(m, "msg")),
            pid(group(m, "pid")), ctx);
    }

    private long timestamp(String text) {
        if (text.isEmpty()) {
            return Timestamps.UNKNOWN;
        }
        long parsed = Timestamps.parse(text);
        if (parsed != Timestamps.UNKNOWN || customDate == null) {
            return parsed;
        }
        try {
            TemporalAccessor t = customDate.parse(text.strip());
            LocalDate date = t.isSupported(java.time.temporal.ChronoField.EPOCH_DAY) ? LocalDate.from(t)
                : LocalDate.EPOCH;
            return Timestamps.toNanos(LocalDateTime.of(date, LocalTime.from(t)).toInstant(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return Timestamps.UNKNOWN;
        }
    }

    private String group(Matcher m, String name) {
        if (!groups.contains(name)) {
            return "";
        }
        String value = m.group(name);
        return value == null ? "" : value;
    }

    private static long pid(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String stripTrailing(String text) {
        return text.stripTrailing();
    }

    @Override
    public String toString() {
        return source;
    }

    /** Translates the pattern left to right into a regex. */
    private static final class Builder {
        private final String pattern;
        private final StringBuilder out = new StringBuilder();
        private final List<String> ctxKeys = new ArrayList<>();
        private final List<String> used = new ArrayList<>();
        private DateTimeFormatter customDate;

        Builder(String pattern) {
            this.pattern = pattern;
        }

        void append(String text) {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '%' && i + 1 < text.length() && text.charAt(i + 1) == '%') {
                    out.append("%");
                    i += 2;
                } else if (c == '%') {
                    i = conversion(text, i);
                } else if (Character.isWhitespace(c)) {
                    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                        i++;
                    }
                    dropTrailing("\\s*");
                    out.append(restIsMessage(text, i) ? "(?:\\s+|$)" : "\\s+");
                } else {
                    out.append(Pattern.quote(String.valueOf(c)));
                    i++;
                }
            }
        }

        private boolean restIsMessage(String text, int from) {
            return text.substring(from).matches("%-?\\d*(?:\\.-?\\d+)?(?:m|msg|message)\\b.*");
        }

        private int conversion(String text, int at) {
            Matcher m = CONVERSION.matcher(text);
            if (!m.find(at) || m.start() != at) {
                throw new LogReadException("--pattern '" + pattern + "': a '%' at position " + at
                    + " is not followed by a conversion word (write %% for a literal percent sign)");
            }
            boolean padded = !m.group(1).isEmpty();
            String word = m.group(2);
            int end = m.end();
            if (end < text.length() && text.charAt(end) == '(') {
                int close = matchingParen(text, end);
                append(text.substring(end + 1, close));
                return skipOptions(text, close + 1, null);
            }
            List<String> options = new ArrayList<>();
            end = skipOptions(text, end, options);
            String option = options.isEmpty() ? null : options.get(0);
            String fragment = fragment(word, option);
            if (padded) {
                boolean spaced = out.toString().endsWith("\\s+");
                out.append(spaced ? fragment + "\\s*" : "\\s*" + fragment + "\\s*");
            } else {
                out.append(fragment);
            }
            return end;
        }

        private void dropTrailing(String suffix) {
            if (out.toString().endsWith(suffix)) {
                out.setLength(out.length() - suffix.length());
            }
        }

        private int matchingParen(String text, int open) {
            int depth = 0;
            for (int i = open; i < text.length(); i++) {
                if (text.charAt(i) == '(') {
                    depth++;
                } else if (text.charAt(i) == ')' && --depth == 0) {
                    return i;
                }
            }
            throw new LogReadException("--pattern '" + pattern + "': unbalanced '(' at position " + open);
        }

        private int skipOptions(String text, int from, List<String> options) {
            int i = from;
            while (i < text.length() && text.charAt(i) == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new LogReadException("--pattern '" + pattern + "': unclosed '{' at position " + i);
                }
                if (options != null) {
                    options.add(text.substring(i + 1, close));
                }
                i = close + 1;
            }
            return i;
        }

        private String fragment(String word, String option) {
            switch (word) {
                case "d", "date":
                    return once("ts", "(?<ts>" + dateRegex(option) + ")", "(?:" + dateRegex(option) + ")");
                case "p", "le", "level":
                    return once("level", LEVEL_REGEX, "(?:\\S+)");
                case "t", "thread":
                    return once("thread", "(?<thread>.*?)", ".*?");
                case "c", "lo", "logger":
                    return once("logger", "(?<logger>" + NAME_REGEX + ")", NAME_REGEX);
                case "C", "class":
                    return once("logger", "(?<logger>" + NAME_REGEX + ")", NAME_REGEX);
                case "m", "msg", "message":
                    return once("msg", "(?<msg>.*)", ".*");
                case "pid", "processId":
                    return once("pid", "(?<pid>\\d+)", "\\d+");
                case "X", "mdc", "MDC":
                    return ctx(option);
                default:
                    return other(word);
            }
        }

        private String other(String word) {
            switch (word) {
                case "n", "ex", "exception", "throwable", "xEx", "xException", "xThrowable", "wEx", "rEx",
                    "rException", "rThrowable", "rootException", "nopex", "nopexception":
                    return "";
                case "L", "line":
                    return "(?:\\d+|\\?)";
                case "M", "method", "F", "file", "contextName", "cn":
                    return "\\S*?";
                case "r", "relative", "sn", "sequenceNumber", "tid", "T", "threadId", "N", "nano":
                    return "\\d+";
                case "h", "host", "hostName", "u", "uuid":
                    return "\\S+";
                case "x", "NDC", "ndc", "marker", "markerSimpleName", "applicationName", "app", "K", "map", "MAP",
                    "kvp", "correlationId", "property", "ctx", "tn", "threadName":
                    return ".*?";
                default:
                    throw new LogReadException("--pattern '" + pattern + "': unknown conversion '%" + word
                        + "' (supported: %d %p %t %c %C %m %n %X %L %M %F %r %pid %x %ex and colour wrappers)");
            }
        }

        private String ctx(String key) {
            if (key == null || key.isBlank()) {
                return ".*?";
            }
            String name = "ctx" + ctxKeys.size();
            ctxKeys.add(key.split(":-")[0]);
            return "(?<" + name + ">.*?)";
        }

        private String once(String group, String named, String unnamed) {
            if (used.contains(group)) {
                return unnamed;
            }
            used.add(group);
            return named;
        }

        private String dateRegex(String option) {
            if (option == null || option.isBlank() || option.equals("ISO8601") || option.equals("DEFAULT")
                || option.equals("ISO8601_BASIC") || option.equals("ABSOLUTE") || option.equals("DATE")) {
                return Timestamps.ANY_REGEX;
            }
            String format = option.split(",\\s*(?=[A-Z][a-zA-Z]*/|UTC|GMT)")[0];
            try {
                customDate = DateTimeFormatter.ofPattern(format, Locale.ENGLISH);
            } catch (IllegalArgumentException e) {
                customDate = null;
            }
            return simpleDateFormatRegex(format);
        }

        private String simpleDateFormatRegex(String format) {
            StringBuilder regex = new StringBuilder();
            int i = 0;
            while (i < format.length()) {
                char c = format.charAt(i);
                int run = 1;
                while (i + run < format.length() && format.charAt(i + run) == c) {
                    run++;
                }
                if (c == '\'') {
                    int close = format.indexOf('\'', i + 1);
                    close = close < 0 ? format.length() : close;
                    regex.append(Pattern.quote(format.substring(i + 1, close)));
                    i = close + 1;
                    continue;
                }
                regex.append(dateField(c, run));
                i += run;
            }
            return regex.toString();
        }

        private String dateField(char c, int run) {
            switch (c) {
                case 'y', 'u', 'Y':
                    return run == 2 ? "\\d{2}" : "\\d{4}";
                case 'M', 'L':
                    return run >= 3 ? "[A-Za-z]+" : "\\d{1,2}";
                case 'd', 'H', 'h', 'k', 'K', 'm', 's':
                    return run >= 2 ? "\\d{" + run + "}" : "\\d{1,2}";
                case 'S', 'n':
                    return "\\d{1," + Math.max(9, run) + "}";
                case 'E':
                    return "[A-Za-z]+";
                case 'a':
                    return "[AaPp][Mm]";
                case 'z', 'Z', 'X', 'x', 'O':
                    return "(?:Z|[+-]\\d{2}:?\\d{2}|[A-Z]{2,5})";
                default:
                    return Character.isWhitespace(c) ? "\\s+" : Pattern.quote(String.valueOf(c).repeat(run));
            }
        }
    }
}
