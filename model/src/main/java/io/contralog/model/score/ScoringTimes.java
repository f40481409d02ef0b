package io.contralog.model.score;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where a scorer's time goes, accumulated since it was opened: canonical text and tokenizer, message encoder,
 * sequence encoder and nearest-normal search, in nanoseconds.
 *
 * <p>Implementation notes: one clock read per stage and batch, never per message, so the counters cost nothing
 * measurable; adders because the agent's pipeline and its scoring endpoint may score at the same time.
 */
public final class ScoringTimes {

    private final LongAdder text = new LongAdder();
    private final LongAdder messageEncoder = new LongAdder();
    private final LongAdder sequenceEncoder = new LongAdder();
    private final LongAdder nearest = new LongAdder();

    /** Canonical text and tokenizer. */
    public long textNanos() {
        return text.sum();
    }

    /** Message encoder runs. */
    public long messageEncoderNanos() {
        return messageEncoder.sum();
    }

    /** Sequence encoder runs (every masking pass). */
    public long sequenceEncoderNanos() {
        return sequenceEncoder.sum();
    }

    /** Nearest-normal search. */
    public long nearestNanos() {
        return nearest.sum();
    }

    void addText(long nanos) {
        text.add(nanos);
    }

    void addMessageEncoder(long nanos) {
        messageEncoder.add(nanos);
    }

    void addSequenceEncoder(long nanos) {
        sequenceEncoder.add(nanos);
    }

    void addNearest(long nanos) {
        nearest.add(nanos);
    }
}
