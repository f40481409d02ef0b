package io.contralog.trainer.train;

/** Receives training progress, for progress bars and logs; every method does nothing by default. */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() { };

    /** Training starts; {@code plannedSteps} is the most steps it can take. */
    default void started(int plannedSteps) {
    }

    /** One optimisation step finished. */
    default void stepped(int step, float loss) {
    }

    /** One epoch finished. */
    default void epochFinished(EpochStats stats) {
    }

    /** Training finished (early stopping may end it before the planned steps). */
    default void finished(TrainedModel model) {
    }
}
