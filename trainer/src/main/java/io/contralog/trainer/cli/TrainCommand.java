package io.contralog.trainer.cli;

import io.contralog.model.bundle.BundleException;
import io.contralog.model.session.Sequence;
import io.contralog.trainer.eval.LabeledSequence;
import io.contralog.trainer.eval.SequenceSet;
import io.contralog.trainer.nn.ContrastiveLoss;
import io.contralog.trainer.train.DjlRuntime;
import io.contralog.trainer.train.Preset;
import io.contralog.trainer.train.SplitPlan;
import io.contralog.trainer.train.TrainOptions;
import io.contralog.trainer.train.TrainPipeline;
import io.contralog.trainer.train.TrainResult;
import io.contralog.trainer.train.TrainingConfig;
import io.contralog.trainer.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code train}: reads logs, trains a model and writes its bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains a model on logs and writes a bundle the agent can load; where labels are known (inline or"
        + " --labels), anomalous sequences are left out, and otherwise every sequence is taken as normal.")
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    private SequenceInputOptions input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle folder to write.")
    private Path out;

    @Option(names = "--preset", defaultValue = "small", paramLabel = "P",
        description = "Model size: tiny, small or paper (default: small).")
    private String preset;

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

    @Option(names = "--fit-share", paramLabel = "SHARE",
        description = "Share of the sequences, the latest in time order, held out to fit score fusion and threshold"
            + " (default: 0.05, at most 0.5); the model learns from the rest less 5% for early stopping.")
    private Double fitShare;

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
        SequenceSet set = input.read(options.effectiveSession());
        List<Sequence> normal = set.sequences().stream().filter(s -> !s.anomalous())
            .map(LabeledSequence::sequence).toList();
        System.err.println(inputLine(set, normal.size()));
        TrainResult result = TrainPipeline.runOnSequences(normal, options.withInputSummary(summary(set)), out);
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
        TrainingListener listener = quiet ? TrainingListener.NONE : new TrainProgress(System.err);
        List<String> sources = input.inputs.stream().map(Path::toString).toList();
        TrainOptions options = TrainOptions.defaults(p).withConfig(config).withSession(input.defaultSession())
            .withSources(sources).withListener(listener);
        return fitShare == null ? options : options.withSplit(SplitPlan.withFitShare(fitShare));
    }

    private String inputLine(SequenceSet set, int normal) {
        String labels = !set.labelled() ? "no labels, every sequence taken as normal"
            : set.anomalies() + " anomalous left out of training";
        String unkeyed = set.unkeyed() == 0 ? "" : ", " + set.unkeyed() + " without a key left out";
        return "input: " + input.describe() + ", sequences: " + set.spec() + "; " + set.sequences().size()
            + " sequences, " + labels + unkeyed + ", " + normal + " to train on";
    }

    private Map<String, Object> summary(SequenceSet set) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", input.resolvedFormat());
        s.put("labels", input.labels != null ? input.labels.toString() : set.labelled() ? "inline" : "none");
        s.put("inputSequences", set.sequences().size());
        s.put("anomalousSequencesDropped", set.anomalies());
        if (set.unkeyed() > 0) {
            s.put("unkeyedSequencesDropped", set.unkeyed());
        }
        return s;
    }

    private boolean sameTextPositive() {
        return switch (sameText.trim().toLowerCase(Locale.ROOT)) {
            case "positive" -> true;
            case "negative" -> false;
            default -> throw new IllegalArgumentException("--same-text '" + sameText + "' is unknown; use positive"
                + " or negative");
        };
    }
}
