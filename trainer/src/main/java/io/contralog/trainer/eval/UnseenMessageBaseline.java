package io.contralog.trainer.eval;

import io.contralog.core.event.LogEvent;
import io.contralog.model.text.CanonicalText;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The simple detector published studies found hard to beat on these sets: a sequence is anomalous when it holds a
 * message never seen in training. Its score is the number of such messages, so it also has an AUROC. Messages
 * are compared by their canonical text, exactly or with every run of digits masked.
 */
public final class UnseenMessageBaseline {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final boolean maskDigits;
    private final Set<String> seen = new HashSet<>();

    private UnseenMessageBaseline(boolean maskDigits) {
        this.maskDigits = maskDigits;
    }

    /** Learns the messages of {@code train}; {@code maskDigits} compares texts with digit runs masked. */
    public static UnseenMessageBaseline fit(List<LabeledSequence> train, boolean maskDigits) {
        UnseenMessageBaseline baseline = new UnseenMessageBaseline(maskDigits);
        for (LabeledSequence s : train) {
            for (LogEvent event : s.sequence().events()) {
                baseline.seen.add(baseline.key(event));
            }
        }
        return baseline;
    }

    /** Returns the name used in tables. */
    public String name() {
        return maskDigits ? "unseen-masked" : "unseen-exact";
    }

    /** Returns the number of messages of {@code sequence} not seen in training. */
    public double score(LabeledSequence sequence) {
        int unseen = 0;
        for (LogEvent event : sequence.sequence().events()) {
            unseen += seen.contains(key(event)) ? 0 : 1;
        }
        return unseen;
    }

    private String key(LogEvent event) {
        String text = CanonicalText.of(event);
        return maskDigits ? DIGITS.matcher(text).replaceAll("0") : text;
    }
}
