package io.contralog.trainer.cli;

import io.contralog.trainer.train.EpochStats;
import io.contralog.trainer.train.TrainedModel;
import io.contralog.trainer.train.TrainingListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** A console progress bar over training steps, with the rate, the time left and the latest losses. */
final class TrainProgress implements TrainingListener {

    /** Width used when the output is not a terminal whose width can be asked. */
    private static final int MAX_WIDTH = 110;

    private final PrintStream out;
    private ProgressBar bar;
    private String lastEpoch = "";

    TrainProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(int plannedSteps) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(plannedSteps)
            .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
            .setConsumer(new ConsoleProgressBarConsumer(out, MAX_WIDTH)).build();
    }

    @Override
    public void stepped(int step, float loss) {
        bar.stepTo(step);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f%s", loss, lastEpoch));
    }

    @Override
    public void epochFinished(EpochStats stats) {
        lastEpoch = String.format(Locale.ROOT, ", epoch %d val %.3f", stats.epoch(), stats.validationLoss());
    }

    @Override
    public void finished(TrainedModel model) {
        bar.maxHint(model.steps());
        bar.stepTo(model.steps());
        bar.close();
        out.printf(Locale.ROOT, "trained %d steps in %d epochs%s: %.1f steps/s, %.0f sequences/s, best validation"
            + " loss %.4f%n", model.steps(), model.epochs().size(), model.stoppedEarly() ? " (stopped early)" : "",
            model.stepsPerSecond(), model.sequencesPerSecond(), model.bestValidationLoss());
    }
}
