package io.contralog.trainer.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sequences of canonical texts turned into ids: every distinct text is tokenised once, and a sequence becomes
 * the array of its texts' ids, cut into pieces of at most {@code maxMessages}.
 */
public final class TrainingData {

    private final List<String> texts = new ArrayList<>();
    private final List<int[]> tokens = new ArrayList<>();
    private final Map<String, Integer> idOf = new HashMap<>();
    private final Function<String, int[]> tokenizer;
    private final int maxMessages;

    /** Starts an empty data set that tokenises with {@code tokenizer}. */
    public TrainingData(Function<String, int[]> tokenizer, int maxMessages) {
        this.tokenizer = tokenizer;
        this.maxMessages = maxMessages;
    }

    /** Converts sequences of texts; empty sequences are dropped, long ones cut. */
    public List<int[]> sequences(List<List<String>> sequences) {
        List<int[]> out = new ArrayList<>();
        for (List<String> seq : sequences) {
            for (int start = 0; start < seq.size(); start += maxMessages) {
                List<String> part = seq.subList(start, Math.min(seq.size(), start + maxMessages));
                out.add(part.stream().mapToInt(this::id).toArray());
            }
        }
        return out;
    }

    private int id(String text) {
        return idOf.computeIfAbsent(text, t -> {
            texts.add(t);
            tokens.add(tokenizer.apply(t));
            return texts.size() - 1;
        });
    }

    /** Token ids of the message with id {@code id}. */
    public int[] tokens(int id) {
        return tokens.get(id);
    }

    /** Text of the message with id {@code id}. */
    public String text(int id) {
        return texts.get(id);
    }

    /** Number of distinct messages seen. */
    public int distinctMessages() {
        return texts.size();
    }
}
