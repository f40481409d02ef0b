package io.contralog.model.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A byte-level BPE tokenizer learned from lowercased log messages, identical in the trainer and the agent.
 *
 * <p>Ids: 0 is padding, 1 stands for a byte never seen in training, then one id per byte of the learned
 * alphabet, then one id per merge in the order learned. {@link #encode(String)} is thread-safe and caches the
 * ids of each distinct piece, because log lines repeat the same words endlessly.
 */
public final class BpeTokenizer {

    /** Id used to pad a batch of messages to one length. */
    public static final int PAD_ID = 0;
    /** Id of a byte outside the learned alphabet. */
    public static final int UNK_ID = 1;
    static final int FIRST_BYTE_ID = 2;

    /** Distinct pieces cached before the cache is emptied and refilled; bounds memory on endless new numbers. */
    private static final int CACHE_LIMIT = 1 << 16;

    private final int vocabSize;
    private final int maxTokens;
    private final int[] alphabet;
    private final int[][] merges;
    private final int[] byteToId;
    private final PairTable pairs;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    BpeTokenizer(int vocabSize, int maxTokens, int[] alphabet, int[][] merges) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        if (FIRST_BYTE_ID + alphabet.length + merges.length > vocabSize) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " is smaller than the "
                + (FIRST_BYTE_ID + alphabet.length + merges.length) + " ids in use");
        }
        this.vocabSize = vocabSize;
        this.maxTokens = maxTokens;
        this.alphabet = alphabet.clone();
        this.merges = merges;
        this.byteToId = byteToId(alphabet);
        this.pairs = new PairTable(merges, FIRST_BYTE_ID + alphabet.length);
    }

    /**
     * Learns a tokenizer from texts (lowercased here) with at most {@code vocabSize} ids including the two
     * reserved ones, encoding at most {@code maxTokens} ids per text.
     */
    public static BpeTokenizer learn(Iterable<String> texts, int vocabSize, int maxTokens) {
        if (vocabSize < FIRST_BYTE_ID + 1) {
            throw new IllegalArgumentException("vocabSize must be at least 3, was " + vocabSize);
        }
        BpeLearner learner = new BpeLearner();
        for (String text : texts) {
            learner.add(text);
        }
        return learner.learn(vocabSize, maxTokens);
    }

    /** Encodes a text into at most {@link #maxTokens()} ids; an empty text gives one {@link #UNK_ID}. */
    public int[] encode(String text) {
        String normalized = PreTokenizer.normalize(text);
        int[] out = new int[maxTokens];
        int n = 0;
        for (int start = 0; start < normalized.length() && n < maxTokens; ) {
            int end = PreTokenizer.pieceEnd(normalized, start);
            int[] ids = piece(normalized.substring(start, end));
            int take = Math.min(ids.length, maxTokens - n);
            System.arraycopy(ids, 0, out, n, take);
            n += take;
            start = end;
        }
        if (n == 0) {
            return new int[] {UNK_ID};
        }
        return n == maxTokens ? out : Arrays.copyOf(out, n);
    }

    /** Number of ids the embedding table must hold; every encoded id is below it. */
    public int vocabSize() {
        return vocabSize;
    }

    /** Ids actually in use (reserved, alphabet and merges); at most {@link #vocabSize()}. */
    public int idsInUse() {
        return FIRST_BYTE_ID + alphabet.length + merges.length;
    }

    /** Most ids one text encodes to. */
    public int maxTokens() {
        return maxTokens;
    }

    /** Writes the tokenizer as JSON (the bundle's {@code tokenizer.json}). */
    public void save(Path file) throws IOException {
        TokenizerFile.write(file, new TokenizerFile(TokenizerFile.FORMAT, TokenizerFile.VERSION, true,
            PreTokenizer.MAX_PIECE_CHARS, vocabSize, maxTokens, alphabet, merges));
    }

    /** Reads a tokenizer written by {@link #save(Path)}; the exception names the file and what is wrong. */
    public static BpeTokenizer load(Path file) throws IOException {
        TokenizerFile f = TokenizerFile.read(file);
        try {
            return new BpeTokenizer(f.vocabSize(), f.maxTokens(), f.alphabet(), f.merges());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private int[] piece(String piece) {
        int[] cached = cache.get(piece);
        if (cached != null) {
            return cached;
        }
        int[] ids = mergePiece(piece.getBytes(StandardCharsets.UTF_8));
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(piece, ids);
        return ids;
    }

    private int[] mergePiece(byte[] bytes) {
        int[] s = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            s[i] = byteToId[bytes[i] & 0xff];
        }
        int n = s.length;
        while (n > 1) {
            int best = Integer.MAX_VALUE;
            int bestAt = -1;
            for (int i = 0; i + 1 < n; i++) {
                int merged = pairs.get(s[i], s[i + 1]);
                if (merged >= 0 && merged < best) {
                    best = merged;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            n = mergeFrom(s, n, bestAt, best);
        }
        return Arrays.copyOf(s, n);
    }

    /** Merges every occurrence of the pair at {@code from} (and later ones) in place; returns the new length. */
    private static int mergeFrom(int[] s, int n, int from, int merged) {
        int left = s[from];
        int right = s[from + 1];
        int w = from;
        for (int r = from; r < n; r++) {
            if (r + 1 < n && s[r] == left && s[r + 1] == right) {
                s[w++] = merged;
                r++;
            } else {
                s[w++] = s[r];
            }
        }
        return w;
    }

    static int[] byteToId(int[] alphabet) {
        int[] map = new int[256];
        Arrays.fill(map, UNK_ID);
        for (int i = 0; i < alphabet.length; i++) {
            map[alphabet[i]] = FIRST_BYTE_ID + i;
        }
        return map;
    }

    /** The JSON shape of {@code tokenizer.json}. */
    record TokenizerFile(String format, int version, boolean lowercase, int maxPieceChars, int vocabSize,
                         int maxTokens, int[] alphabet, int[][] merges) {
        static final String FORMAT = "contralog-byte-bpe";
        static final int VERSION = 1;
        private static final ObjectMapper JSON = new ObjectMapper();

        static void write(Path file, TokenizerFile f) throws IOException {
            Files.write(file, JSON.writeValueAsBytes(f));
        }

        static TokenizerFile read(Path file) throws IOException {
            TokenizerFile f;
            try {
                f = JSON.readValue(file.toFile(), TokenizerFile.class);
            } catch (IOException e) {
                throw new IOException(file + ": not a readable tokenizer file: " + e.getMessage(), e);
            }
            if (!FORMAT.equals(f.format()) || f.version() != VERSION) {
                throw new IOException(file + ": tokenizer format " + f.format() + " v" + f.version()
                    + " is not supported; expected " + FORMAT + " v" + VERSION + " (retrain the bundle)");
            }
            if (f.maxPieceChars() != PreTokenizer.MAX_PIECE_CHARS || !f.lowercase()) {
                throw new IOException(file + ": tokenizer was learned with different pre-tokenization settings");
            }
            if (f.alphabet() == null || f.merges() == null) {
                throw new IOException(file + ": tokenizer file lacks its alphabet or merges");
            }
            return f;
        }
    }
}
