package io.contralog.model.score;

/**
 * The cache key of a message: its token ids, not its text, because the message encoder sees only the ids.
 *
 * <p>Implementation notes: texts that differ only in case, in whitespace, or after the token cap (log lines often
 * end in ids and numbers) share one key, so they are embedded once. Each id below 0xFFFF is one char of a
 * String, which hashes and compares fast and takes two bytes per id; larger ids are escaped by 0xFFFF and two
 * chars, so the key stays unambiguous for any vocabulary.
 */
final class TokenKey {

    private static final char ESCAPE = 0xFFFF;

    private TokenKey() {
    }

    static String of(int[] tokens) {
        StringBuilder key = new StringBuilder(tokens.length);
        for (int id : tokens) {
            if (id >= 0 && id < ESCAPE) {
                key.append((char) id);
            } else {
                key.append(ESCAPE).append((char) (id >>> 16)).append((char) id);
            }
        }
        return key.toString();
    }
}
