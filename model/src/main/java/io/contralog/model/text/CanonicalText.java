package io.contralog.model.text;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;

/**
 * Turns an event into the one line of text the model reads, identically in the trainer and the agent.
 *
 * <p>The text is the level, the logger's short name, the message, and for an error its class short name and
 * message followed by those of each cause; stack frames, timestamps, threads, hosts and pids are left out
 * because they vary without meaning anything about the flow. Line breaks and tabs become spaces so that a
 * multi-line message stays one text. Case is kept: the tokenizer lowercases.
 */
public final class CanonicalText {

    /** Version of this mapping, recorded in the bundle so that a change in the text is detected at load. */
    public static final int VERSION = 1;

    /** Causes deeper than this are left out; a cycle in a broken cause chain must not loop forever. */
    private static final int MAX_CAUSES = 8;

    private CanonicalText() {
    }

    /** Returns the canonical text of {@code event}. */
    public static String of(LogEvent event) {
        StringBuilder out = new StringBuilder(64 + length(event.msg()));
        out.append(nullToEmpty(event.level())).append(' ').append(shortName(event.logger())).append(": ");
        appendFlat(out, event.msg());
        ErrorInfo error = event.error();
        for (int depth = 0; error != null && depth <= MAX_CAUSES; depth++) {
            out.append(depth == 0 ? " | " : " | caused by ");
            out.append(shortName(error.className()));
            if (error.message() != null && !error.message().isEmpty()) {
                out.append(": ");
                appendFlat(out, error.message());
            }
            error = error.cause();
        }
        return out.toString();
    }

    /** Returns the part after the last dot of a class or logger name, or the name itself. */
    public static String shortName(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? name : name.substring(dot + 1);
    }

    private static void appendFlat(StringBuilder out, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
