package io.contralog.core.json;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;

import java.util.List;
import java.util.Map;

/**
 * Writes a {@link LogEvent} as one line of JSON whose keys are exactly those of contract 1, in its order:
 * {@code v ts level logger thread msg truncated error ctx service host pid seq}; {@code error} holds
 * {@code class message frames cause}. Absent values are written as {@code null}, so every line has every key.
 */
public final class EventJson {

    private EventJson() {
    }

    /** Returns the event as a single JSON line without a trailing newline. */
    public static String toJson(LogEvent event) {
        StringBuilder out = new StringBuilder(256);
        appendJson(event, out);
        return out.toString();
    }

    /** Appends the event's JSON line to {@code out}. */
    public static void appendJson(LogEvent event, StringBuilder out) {
        out.append("{\"v\":").append(event.v());
        out.append(",\"ts\":").append(event.ts());
        out.append(",\"level\":");
        string(event.level(), out);
        out.append(",\"logger\":");
        string(event.logger(), out);
        out.append(",\"thread\":");
        string(event.thread(), out);
        out.append(",\"msg\":");
        string(event.msg(), out);
        out.append(",\"truncated\":").append(event.truncated());
        out.append(",\"error\":");
        error(event.error(), out);
        out.append(",\"ctx\":");
        context(event.ctx(), out);
        out.append(",\"service\":");
        string(event.service(), out);
        out.append(",\"host\":");
        string(event.host(), out);
        out.append(",\"pid\":").append(event.pid());
        out.append(",\"seq\":").append(event.seq());
        out.append('}');
    }

    private static void error(ErrorInfo error, StringBuilder out) {
        if (error == null) {
            out.append("null");
            return;
        }
        out.append("{\"class\":");
        string(error.className(), out);
        out.append(",\"message\":");
        string(error.message(), out);
        out.append(",\"frames\":");
        frames(error.frames(), out);
        out.append(",\"cause\":");
        error(error.cause(), out);
        out.append('}');
    }

    private static void frames(List<String> frames, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(frames.get(i), out);
        }
        out.append(']');
    }

    private static void context(Map<String, String> ctx, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : ctx.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(entry.getKey(), out);
            out.append(':');
            string(entry.getValue(), out);
        }
        out.append('}');
    }

    /** Appends {@code text} as a JSON string literal, or {@code null}; unpaired surrogates are escaped. */
    public static void string(String text, StringBuilder out) {
        if (text == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || unpaired(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean unpaired(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
