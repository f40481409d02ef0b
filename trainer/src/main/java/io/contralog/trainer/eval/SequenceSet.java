package io.contralog.trainer.eval;

import java.util.List;

/**
 * The labelled sequences read from an input, with what is known about their labels.
 *
 * @param sequences sequences in the order they closed
 * @param labelled  whether the input carried labels (inline or from a labels file)
 * @param spec      how the sequences were cut, in words
 * @param unkeyed   sequences left out because a labels file keys sessions and they had no key (HDFS lines that
 *                  name no block); the authors leave them out too
 */
public record SequenceSet(List<LabeledSequence> sequences, boolean labelled, String spec, int unkeyed) {

    /** Returns the number of anomalous sequences. */
    public long anomalies() {
        return sequences.stream().filter(LabeledSequence::anomalous).count();
    }
}
