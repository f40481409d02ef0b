package io.contralog.core.queue;

/**
 * Cuts text to a limit without splitting a surrogate pair and replaces unpaired surrogates with U+FFFD,
 * recording what it did in an {@link EventScratch}.
 */
final class TextBounds {

    static final char REPLACEMENT = '\uFFFD';

    private TextBounds() {
    }

    /** Bounds {@code text} in place. */
    static void bound(StringBuilder text, int max, EventScratch flags) {
        if (text.length() > max) {
            text.setLength(cutPoint(text, max));
            flags.truncated = true;
        }
        if (repair(text)) {
            flags.invalidText = true;
        }
    }

    /** Returns {@code text} itself when it is within bounds and well formed, else a bounded, repaired copy. */
    static String bound(String text, int max, EventScratch flags) {
        if (text == null) {
            return null;
        }
        if (text.length() <= max && isWellFormed(text)) {
            return text;
        }
        StringBuilder copy = new StringBuilder(Math.min(text.length(), max));
        copy.append(text, 0, text.length() <= max ? text.length() : cutPoint(text, max));
        if (text.length() > max) {
            flags.truncated = true;
        }
        if (repair(copy)) {
            flags.invalidText = true;
        }
        return copy.toString();
    }

    private static int cutPoint(CharSequence text, int max) {
        return Character.isHighSurrogate(text.charAt(max - 1)) && Character.isLowSurrogate(text.charAt(max))
            ? max - 1 : max;
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= text.length()
                    || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private static boolean repair(StringBuilder text) {
        boolean repaired = false;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else {
                text.setCharAt(i, REPLACEMENT);
                repaired = true;
            }
        }
        return repaired;
    }
}
