package io.contralog.model.tokenize;

/**
 * Lowercases a text and cuts it into the pieces that byte-pair merges never cross.
 *
 * <p>Implementation notes: a piece is a run of letters, a run of digits, or one other character; a piece that
 * followed whitespace keeps one leading space, so that "a b" and "ab" stay different. Runs longer than
 * {@link #MAX_PIECE_CHARS} are cut into chunks, which bounds the quadratic merge loop and the cache keys on
 * blobs such as base64 payloads. Learning and encoding share this class, so both see the same pieces.
 */
final class PreTokenizer {

    /** Longest piece, in chars, before a run is cut. */
    static final int MAX_PIECE_CHARS = 32;

    private PreTokenizer() {
    }

    /** Lowercases and collapses every whitespace run into one space, trimming both ends. */
    static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(Character.toLowerCase(cp));
        }
        return out.toString();
    }

    /**
     * Returns the end (exclusive) of the piece that starts at {@code start} in a normalized text; the piece
     * includes the space at {@code start} if there is one.
     */
    static int pieceEnd(String normalized, int start) {
        int i = start;
        if (normalized.charAt(i) == ' ') {
            i++;
            if (i == normalized.length()) {
                return i;
            }
        }
        int cp = normalized.codePointAt(i);
        int kind = kind(cp);
        i += Character.charCount(cp);
        if (kind == OTHER) {
            return i;
        }
        int limit = Math.min(normalized.length(), start + MAX_PIECE_CHARS);
        while (i < limit) {
            int next = normalized.codePointAt(i);
            if (kind(next) != kind) {
                break;
            }
            i += Character.charCount(next);
        }
        return i;
    }

    private static final int LETTER = 0;
    private static final int DIGIT = 1;
    private static final int OTHER = 2;

    private static int kind(int cp) {
        if (cp >= 'a' && cp <= 'z') {
            return LETTER;
        }
        if (cp >= '0' && cp <= '9') {
            return DIGIT;
        }
        if (cp < 128) {
            return OTHER;
        }
        return Character.isLetter(cp) ? LETTER : Character.isDigit(cp) ? DIGIT : OTHER;
    }
}
