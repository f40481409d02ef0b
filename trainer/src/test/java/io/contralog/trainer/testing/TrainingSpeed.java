package io.contralog.trainer.testing;

import io.contralog.model.text.CanonicalText;
import io.contralog.model.tokenize.BpeTokenizer;
import io.contralog.trainer.train.DjlRuntime;
import io.contralog.trainer.train.ModelTrainer;
import io.contralog.trainer.train.Preset;
import io.contralog.trainer.train.TrainedModel;
import io.contralog.trainer.train.TrainingConfig;
import io.contralog.trainer.train.TrainingListener;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures training speed of a preset on generated request-flow logs cut into windows of a fixed number of
 * messages: {@code TrainingSpeed PRESET STEPS WINDOW [THREADS]}. It trains twice and prints both runs (the first
 * includes engine warm-up), as wall-clock rates and as rates per CPU-second of the training thread, which is what
 * an idle core would give when the machine is shared.
 */
public final class TrainingSpeed {

    private TrainingSpeed() {
    }

    /** Runs the measurement. */
    public static void main(String[] args) {
        if (args.length > 3) {
            DjlRuntime.threads(Integer.parseInt(args[3]));
        }
        DjlRuntime.offline();
        Preset preset = Preset.parse(args[0]);
        int steps = Integer.parseInt(args[1]);
        int window = Integer.parseInt(args[2]);
        List<String> texts = new RequestFlowLogs(5).normal(3000).stream().map(CanonicalText::of).toList();
        List<List<String>> sequences = new ArrayList<>();
        for (int i = 0; i + window <= texts.size(); i += window) {
            sequences.add(texts.subList(i, i + window));
        }
        BpeTokenizer tokenizer = BpeTokenizer.learn(texts, preset.dims().vocabSize(), preset.dims().maxTokens());
        TrainingConfig config = preset.config().withDims(preset.dims().withVocabSize(tokenizer.vocabSize()))
            .withMaxEpochs(1000).withMaxSteps(steps);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= 2; run++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            try (TrainedModel model = ModelTrainer.train(sequences, List.of(), tokenizer::encode, config,
                    TrainingListener.NONE)) {
                double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                System.out.printf(Locale.ROOT, "%s run %d: %d steps of %d sequences x %d messages; wall %.2f steps/s"
                    + " %.1f sequences/s; per CPU-second %.2f steps/s %.1f sequences/s%n", preset.id(), run,
                    model.steps(), config.batchSize(), window, model.stepsPerSecond(), model.sequencesPerSecond(),
                    model.steps() / cpu, model.sequencesSeen() / cpu);
            }
        }
    }
}
