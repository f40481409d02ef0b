package io.contralog.trainer.eval;

import java.util.List;

/**
 * The four parts of the benchmark protocol.
 *
 * @param train normal sequences to learn from
 * @param valid normal sequences for early stopping
 * @param fit   normal sequences to fit score fusion and thresholds on
 * @param test  sequences to score, normal and anomalous, as the protocol selected them
 * @param order {@code time} or {@code shuffled(seed)}: how the sequences were ordered before cutting
 */
public record Split(List<LabeledSequence> train, List<LabeledSequence> valid, List<LabeledSequence> fit,
                   List<LabeledSequence> test, String order) {

    /** Returns the number of anomalous test sequences. */
    public long testAnomalies() {
        return test.stream().filter(LabeledSequence::anomalous).count();
    }
}
