package io.contralog.trainer.train;

import io.contralog.model.session.Sequence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * How sequences are divided into the part the model learns from, the part that stops training early, and the
 * part that fits score fusion and threshold. By default in time order (by first event), 90/5/5.
 *
 * @param learn share of sequences to learn from
 * @param stop share used for early stopping
 * @param shuffleSeed null for time order; otherwise the seed of a shuffled order
 */
public record SplitPlan(double learn, double stop, Long shuffleSeed) {

    /** Time order, 90% learn, 5% early stopping, 5% threshold fit. */
    public static final SplitPlan DEFAULT = new SplitPlan(0.90, 0.05, null);

    /** Largest fit share {@link #withFitShare} accepts: more would starve the part the model learns from. */
    public static final double MAX_FIT_SHARE = 0.5;

    /** Checks the shares leave room for the fit part. */
    public SplitPlan {
        if (learn <= 0 || stop <= 0 || learn + stop >= 1) {
            throw new IllegalArgumentException("split shares must be positive and leave a fit share: learn " + learn
                + ", stop " + stop);
        }
    }

    /**
     * Time order with the default early-stop share and {@code fit} of the sequences, the latest, held out for
     * fusion and threshold; the rest is learnt from.
     */
    public static SplitPlan withFitShare(double fit) {
        if (!(fit > 0 && fit <= MAX_FIT_SHARE)) {
            throw new IllegalArgumentException("--fit-share must be above 0 and at most " + MAX_FIT_SHARE + ", was "
                + fit);
        }
        return new SplitPlan(1 - DEFAULT.stop() - fit, DEFAULT.stop(), null);
    }

    /** The share of sequences left for fusion and threshold. */
    public double fit() {
        return 1 - learn - stop;
    }

    /** Splits {@code sequences}; each part keeps time order within itself. */
    public Parts split(List<Sequence> sequences) {
        List<Sequence> ordered = new ArrayList<>(sequences);
        ordered.sort(Comparator.comparingLong(Sequence::startTs));
        if (shuffleSeed != null) {
            Collections.shuffle(ordered, new Random(shuffleSeed));
        }
        int n = ordered.size();
        int learnEnd = (int) Math.round(n * learn);
        int stopEnd = (int) Math.round(n * (learn + stop));
        stopEnd = Math.min(n - 1, Math.max(learnEnd + 1, stopEnd));
        learnEnd = Math.min(learnEnd, stopEnd - 1);
        return new Parts(ordered.subList(0, learnEnd), ordered.subList(learnEnd, stopEnd), ordered.subList(stopEnd,
            n));
    }

    /**
     * The three parts of a split.
     *
     * @param learn sequences to learn from
     * @param stop sequences for early stopping
     * @param fit sequences for fusion and threshold
     */
    public record Parts(List<Sequence> learn, List<Sequence> stop, List<Sequence> fit) {
    }
}
