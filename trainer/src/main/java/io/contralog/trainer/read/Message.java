package io.contralog.trainer.read;

/**
 * A message cut to the configured size, and whether it was cut.
 *
 * @param text      the message, at most the configured number of characters
 * @param truncated whether characters were removed
 */
record Message(String text, boolean truncated) {

    static Message cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return new Message(text, false);
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return new Message(text.substring(0, end), true);
    }
}
