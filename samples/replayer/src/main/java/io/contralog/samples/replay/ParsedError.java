package io.contralog.samples.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error read back from a printed stack trace: class, message, frames, the count of frames the printer left
 * out as common with the enclosing trace, and the cause. Suppressed exceptions are not kept.
 */
public record ParsedError(String className, String message, List<StackTraceElement> frames, int commonFrames,
                          ParsedError cause) {

    private static final Pattern FRAME = Pattern.compile(
        "^\\s*at\\s+(?:[\\w.$]+/)*(?<cls>[^\\s(]+)\\.(?<method>[^.\\s(]+)\\((?<where>[^)]*)\\).*$");
    private static final Pattern MORE = Pattern.compile("^\\s*\\.\\.\\. (\\d+) (?:more|common frames omitted)");
    private static final String CAUSED_BY = "Caused by: ";

    /** Parses the lines after an event's message, or returns null when there are none. */
    public static ParsedError parse(List<String> lines) {
        if (lines.isEmpty()) {
            return null;
        }
        return parse(lines, 0);
    }

    private static ParsedError parse(List<String> lines, int start) {
        String header = lines.get(start).strip();
        if (header.startsWith(CAUSED_BY)) {
            header = header.substring(CAUSED_BY.length());
        }
        int i = start;
        StringBuilder message = new StringBuilder();
        String className = "java.lang.Throwable";
        if (!FRAME.matcher(header).matches()) {
            int colon = header.indexOf(": ");
            className = colon < 0 ? header : header.substring(0, colon);
            message.append(colon < 0 ? "" : header.substring(colon + 2));
            i++;
        }
        List<StackTraceElement> frames = new ArrayList<>();
        int common = 0;
        boolean suppressed = false;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(CAUSED_BY)) {
                return new ParsedError(className, text(message), frames, common, parse(lines, i));
            }
            suppressed |= line.strip().startsWith("Suppressed: ");
            if (suppressed) {
                continue;
            }
            Matcher frame = FRAME.matcher(line);
            Matcher more = MORE.matcher(line);
            if (frame.matches()) {
                frames.add(frame(frame));
            } else if (more.find()) {
                common = Integer.parseInt(more.group(1));
            } else if (frames.isEmpty()) {
                message.append('\n').append(line);
            }
        }
        return new ParsedError(className, text(message), frames, common, null);
    }

    private static String text(StringBuilder message) {
        return message.length() == 0 ? null : message.toString();
    }

    private static StackTraceElement frame(Matcher m) {
        String where = m.group("where");
        int colon = where.lastIndexOf(':');
        String file = where;
        int line = -1;
        if ("Native Method".equals(where)) {
            file = null;
            line = -2;
        } else if ("Unknown Source".equals(where)) {
            file = null;
        } else if (colon > 0 && where.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            file = where.substring(0, colon);
            line = Integer.parseInt(where.substring(colon + 1));
        }
        return new StackTraceElement(m.group("cls"), m.group("method"), file, line);
    }
}
