package io.contralog.model.tokenize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Learns byte-pair merges from piece frequencies.
 *
 * <p>Implementation notes: pair counts are kept incrementally. Each merge rewrites only the distinct pieces
 * that contain the pair (found through an inverted index), and the most frequent pair is taken from a priority
 * queue whose stale entries are skipped when popped. Ties go to the smaller pair of ids, so the result depends
 * only on the input texts. Pairs seen fewer than twice are never merged.
 */
final class BpeLearner {

    private final Map<String, long[]> pieceCounts = new HashMap<>();

    void add(String text) {
        String normalized = PreTokenizer.normalize(text);
        for (int start = 0; start < normalized.length(); ) {
            int end = PreTokenizer.pieceEnd(normalized, start);
            pieceCounts.computeIfAbsent(normalized.substring(start, end), k -> new long[1])[0]++;
            start = end;
        }
    }

    /** Chooses the base alphabet and the merges; the result's ids fit below {@code vocabSize}. */
    BpeTokenizer learn(int vocabSize, int maxTokens) {
        long[] byteCounts = new long[256];
        List<byte[]> pieces = new ArrayList<>(pieceCounts.size());
        List<Long> freqs = new ArrayList<>(pieceCounts.size());
        pieceCounts.forEach((piece, count) -> {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                byteCounts[b & 0xff] += count[0];
            }
            pieces.add(bytes);
            freqs.add(count[0]);
        });
        int[] alphabet = chooseAlphabet(byteCounts, vocabSize - BpeTokenizer.FIRST_BYTE_ID);
        int[] byteToId = BpeTokenizer.byteToId(alphabet);
        int[][] words = new int[pieces.size()][];
        for (int w = 0; w < words.length; w++) {
            byte[] bytes = pieces.get(w);
            words[w] = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                words[w][i] = byteToId[bytes[i] & 0xff];
            }
        }
        int firstMergeId = BpeTokenizer.FIRST_BYTE_ID + alphabet.length;
        int[][] merges = new Merger(words, freqs).run(vocabSize - firstMergeId, firstMergeId);
        return new BpeTokenizer(vocabSize, maxTokens, alphabet, merges);
    }

    private static int[] chooseAlphabet(long[] byteCounts, int room) {
        List<Integer> seen = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            if (byteCounts[b] > 0) {
                seen.add(b);
            }
        }
        if (seen.size() > room) {
            seen.sort((x, y) -> byteCounts[y] != byteCounts[x] ? Long.compare(byteCounts[y], byteCounts[x]) : x - y);
            seen = new ArrayList<>(seen.subList(0, Math.max(0, room)));
            seen.sort(Integer::compare);
        }
        return seen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The incremental merge loop over distinct pieces. */
    private static final class Merger {
        private final int[][] words;
        private final long[] freq;
        private final Map<Long, Long> pairCounts = new HashMap<>();
        private final Map<Long, Set<Integer>> pairWords = new HashMap<>();
        private final PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) ->
            a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));

        Merger(int[][] words, List<Long> freqs) {
            this.words = words;
            this.freq = freqs.stream().mapToLong(Long::longValue).toArray();
            for (int w = 0; w < words.length; w++) {
                count(w, +1);
            }
            pairCounts.forEach((pair, count) -> queue.add(new long[] {count, pair}));
        }

        int[][] run(int maxMerges, int firstMergeId) {
            List<int[]> merges = new ArrayList<>();
            while (merges.size() < maxMerges) {
                long[] best = pollValid();
                if (best == null || best[0] < 2) {
                    break;
                }
                int left = (int) (best[1] >>> 32);
                int right = (int) best[1];
                int merged = firstMergeId + merges.size();
                merges.add(new int[] {left, right});
                apply(best[1], left, right, merged);
            }
            return merges.toArray(new int[0][]);
        }

        private long[] pollValid() {
            while (!queue.isEmpty()) {
                long[] top = queue.poll();
                Long current = pairCounts.get(top[1]);
                if (current != null && current == top[0]) {
                    return top;
                }
            }
            return null;
        }

        private void apply(long pair, int left, int right, int merged) {
            Set<Integer> touched = pairWords.remove(pair);
            Set<Long> changed = new HashSet<>();
            for (int w : touched) {
                int[] symbols = words[w];
                if (!contains(symbols, left, right)) {
                    continue;
                }
                collectPairs(symbols, changed);
                count(w, -1);
                words[w] = mergeAll(symbols, left, right, merged);
                count(w, +1);
                collectPairs(words[w], changed);
            }
            pairCounts.remove(pair);
            for (long p : changed) {
                Long c = pairCounts.get(p);
                if (c != null && c > 0) {
                    queue.add(new long[] {c, p});
                }
            }
        }

        private void count(int w, int sign) {
            int[] s = words[w];
            for (int i = 0; i + 1 < s.length; i++) {
                long p = PairTable.key(s[i], s[i + 1]);
                long c = pairCounts.getOrDefault(p, 0L) + sign * freq[w];
                if (c <= 0) {
                    pairCounts.remove(p);
                } else {
                    pairCounts.put(p, c);
                }
                if (sign > 0) {
                    pairWords.computeIfAbsent(p, k -> new HashSet<>()).add(w);
                }
            }
        }

        private static void collectPairs(int[] s, Set<Long> into) {
            for (int i = 0; i + 1 < s.length; i++) {
                into.add(PairTable.key(s[i], s[i + 1]));
            }
        }

        private static boolean contains(int[] s, int left, int right) {
            for (int i = 0; i + 1 < s.length; i++) {
                if (s[i] == left && s[i + 1] == right) {
                    return true;
                }
            }
            return false;
        }

        static int[] mergeAll(int[] s, int left, int right, int merged) {
            int[] out = new int[s.length];
            int n = 0;
            for (int i = 0; i < s.length; i++) {
                if (i + 1 < s.length && s[i] == left && s[i + 1] == right) {
                    out[n++] = merged;
                    i++;
                } else {
                    out[n++] = s[i];
                }
            }
            return Arrays.copyOf(out, n);
        }
    }
}
