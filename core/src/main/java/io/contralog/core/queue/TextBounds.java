package io.contralog.core.queue;

/**
 * Cuts text to a limit without splitting a surrogate pair, recording the cut in an {@link EventScratch}.
 *
 * <p>Implementation note: unpaired surrogates are replaced later, by {@link EventEncoder}, in its pass over a
 * plain char array; scanning each String and StringBuilder here through {@code charAt} cost a quarter of a call.
 */
final class TextBounds {

    private TextBounds() {
    }

    /** Bounds {@code text} in place. */
    static void bound(StringBuilder text, int max, EventScratch flags) {
        if (text.length() > max) {
            text.setLength(cutPoint(text, max));
            flags.truncated = true;
        }
    }

    /** Returns {@code text} itself when it is within bounds, else its bounded prefix. */
    static String bound(String text, int max, EventScratch flags) {
        if (text == null || text.length() <= max) {
            return text;
        }
        flags.truncated = true;
        return text.substring(0, cutPoint(text, max));
    }

    private static int cutPoint(CharSequence text, int max) {
        return Character.isHighSurrogate(text.charAt(max - 1)) && Character.isLowSurrogate(text.charAt(max))
            ? max - 1 : max;
    }
}
