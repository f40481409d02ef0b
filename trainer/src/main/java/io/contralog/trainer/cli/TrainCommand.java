package io.contralog.trainer.cli;

import io.contralog.core.event.LogEvent;
import io.contralog.core.util.Durations;
import io.contralog.model.bundle.BundleException;
import io.contralog.model.session.SessionSpec;
import io.contralog.trainer.nn.ContrastiveLoss;
import io.contralog.trainer.read.LabeledEvent;
import io.contralog.trainer.read.LogReader;
import io.contralog.trainer.read.LogReaders;
import io.contralog.trainer.train.DjlRuntime;
import io.contralog.trainer.train.Preset;
import io.contralog.trainer.train.TrainOptions;
import io.contralog.trainer.train.TrainPipeline;
import io.contralog.trainer.train.TrainResult;
import io.contralog.trainer.train.TrainingConfig;
import io.contralog.trainer.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code train}: reads logs, trains a model and writes its bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains a model on logs (assumed normal) and writes a bundle the agent can load.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
        description = "Log files, folders or queue folders to learn from.")
    private List<Path> inputs;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
        description = "Input format: auto, raw (one event per line), queue, or another reader format (default: auto).")
    private String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle folder to write.")
    private Path out;

    @Option(names = "--preset", defaultValue = "small", paramLabel = "P",
        description = "Model size: tiny, small or paper (default: small).")
    private String preset;

    @Option(names = "--session-key", paramLabel = "REGEX",
        description = "Key sessions by this regex on the message (its first group, or the whole match).")
    private String sessionKey;

    @Option(names = "--session-field", paramLabel = "NAME", description = "Key sessions by this context field.")
    private String sessionField;

    @Option(names = "--window", defaultValue = "60s", paramLabel = "DURATION",
        description = "Time window that cuts sequences, such as 60s or 5m (default: 60s).")
    private String window;

    @Option(names = "--window-events", defaultValue = "0", paramLabel = "N",
        description = "Cut sequences every N events (default: off).")
    private int windowEvents;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, shuffling and masking.")
    private long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs (default: the preset's).")
    private Integer epochs;

    @Option(names = "--loss", defaultValue = "sigmoid", description = "Contrastive loss: sigmoid or infonce.")
    private String loss;

    @Option(names = "--same-text", defaultValue = "positive", paramLabel = "positive|negative",
        description = "Whether other occurrences of a masked message's text count as positives (default) or, as"
            + " in the original method, as negatives.")
    private String sameText;

    @Option(names = "--threads", paramLabel = "N", description = "Engine threads for training (default: 1).")
    private Integer threads;

    @Option(names = "--quiet", description = "No progress bar.")
    private boolean quiet;

    @Override
    public Integer call() throws IOException, BundleException {
        if (threads != null) {
            DjlRuntime.threads(threads);
        }
        TrainOptions options = options();
        List<LogEvent> events = read();
        TrainResult result = TrainPipeline.run(events, options, out);
        if (!quiet) {
            System.err.printf(Locale.ROOT, "bundle %s: threshold %.4f (%s), %d reference messages%n",
                result.bundle(), result.manifest().threshold().value(), result.manifest().threshold().method(),
                result.manifest().scoring().referenceCount());
        }
        return 0;
    }

    private TrainOptions options() {
        Preset p = Preset.parse(preset);
        TrainingConfig config = p.config().withSeed(seed).withLoss(ContrastiveLoss.parse(loss), sameTextPositive());
        if (epochs != null) {
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be at least 1, was " + epochs);
            }
            config = config.withMaxEpochs(epochs);
        }
        if (windowEvents < 0) {
            throw new IllegalArgumentException("--window-events must be 0 (off) or positive, was " + windowEvents);
        }
        Duration windowLength = Durations.parse("--window", window);
        SessionSpec session = new SessionSpec(sessionKey, sessionField, windowLength, windowEvents,
            SessionSpec.DEFAULT_MAX_LENGTH, SessionSpec.DEFAULT_IDLE_TIMEOUT);
        TrainingListener listener = quiet ? TrainingListener.NONE : new TrainProgress(System.err);
        List<String> sources = inputs.stream().map(Path::toString).toList();
        return TrainOptions.defaults(p).withConfig(config).withSession(session).withSources(sources)
            .withListener(listener);
    }

    private boolean sameTextPositive() {
        return switch (sameText.trim().toLowerCase(Locale.ROOT)) {
            case "positive" -> true;
            case "negative" -> false;
            default -> throw new IllegalArgumentException("--same-text '" + sameText + "' is unknown; use positive"
                + " or negative");
        };
    }

    private List<LogEvent> read() throws IOException {
        List<LogEvent> events = new ArrayList<>();
        try (LogReader reader = LogReaders.open(inputs, format)) {
            for (LabeledEvent e = reader.next(); e != null; e = reader.next()) {
                events.add(e.event());
            }
        }
        return events;
    }
}
