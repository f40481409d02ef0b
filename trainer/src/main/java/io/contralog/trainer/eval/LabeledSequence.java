package io.contralog.trainer.eval;

import io.contralog.model.session.Sequence;

/**
 * A sequence with its ground truth.
 *
 * @param sequence  the sequence, as the agent's sessionizer would close it
 * @param anomalous whether the labels call it anomalous: its key is labelled so, or any of its lines is
 */
public record LabeledSequence(Sequence sequence, boolean anomalous) {
}
