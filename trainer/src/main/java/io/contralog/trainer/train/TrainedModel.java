package io.contralog.trainer.train;

import ai.djl.ndarray.NDManager;
import io.contralog.trainer.nn.ContraLogNet;

import java.util.List;

/**
 * A trained model (the weights of its best epoch) with the figures of how it trained. Closing it frees the
 * engine memory.
 *
 * @param net the encoders
 * @param epochs per-epoch figures
 * @param steps optimisation steps taken
 * @param sequencesSeen training sequences processed over all steps
 * @param trainNanos time spent in optimisation steps (validation excluded)
 * @param stoppedEarly whether the validation loss stopped improving before the epoch limit
 */
public record TrainedModel(ContraLogNet net, NDManager manager, List<EpochStats> epochs, int steps,
        long sequencesSeen, long trainNanos, boolean stoppedEarly) implements AutoCloseable {

    /** The best validation loss. */
    public double bestValidationLoss() {
        return epochs.stream().mapToDouble(EpochStats::validationLoss).min().orElse(Double.NaN);
    }

    /** Optimisation steps per second. */
    public double stepsPerSecond() {
        return trainNanos == 0 ? 0 : steps / (trainNanos / 1e9);
    }

    /** Training sequences per second. */
    public double sequencesPerSecond() {
        return trainNanos == 0 ? 0 : sequencesSeen / (trainNanos / 1e9);
    }

    @Override
    public void close() {
        net.close();
        manager.close();
    }
}
