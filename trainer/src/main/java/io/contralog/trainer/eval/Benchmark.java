package io.contralog.trainer.eval;

import ai.onnxruntime.OrtException;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.bundle.BundleException;
import io.contralog.model.score.ScoredSequence;
import io.contralog.model.score.SequenceScorer;
import io.contralog.model.session.Sequence;
import io.contralog.model.session.SessionSpec;
import io.contralog.trainer.train.Preset;
import io.contralog.trainer.train.SplitPlan;
import io.contralog.trainer.train.TrainOptions;
import io.contralog.trainer.train.TrainPipeline;
import io.contralog.trainer.train.TrainResult;
import io.contralog.trainer.train.TrainingConfig;
import io.contralog.trainer.train.TrainingListener;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the authors' protocol end to end, once per seed: split, train on the normal train part with the trainer's
 * own pipeline (early stopping on the validation part, fusion and threshold fitted on the fit part), score the
 * test part with the agent's scoring code, and compare every detector under both protocols.
 *
 * <p>Implementation notes: both protocols share one split and one model per seed, since they differ only in which
 * test sequences are kept; the paper test part is the natural one sampled down to 1:1, so its scores are reused.
 * A time budget is enforced through the step limit: the first seed assumes a cautious rate for the preset, later
 * seeds lower the limit when the measured rate is slower still, and about two thirds of each seed's share goes to
 * optimisation (the rest to export, threshold fit and scoring). Early stopping usually ends small sets sooner.
 */
public final class Benchmark {

    private static final double TRAINING_SHARE = 0.65;

    private Benchmark() {
    }

    /**
     * What to run.
     *
     * @param preset      model size
     * @param session     how sequences were cut (recorded in the bundle)
     * @param shuffleSeed null for time order, else the first seed of a shuffled order (plus the repetition)
     * @param seeds       repetitions
     * @param baseSeed    seed of the first repetition
     * @param budget      time for all repetitions together, or null for none
     * @param epochs      epoch limit, or null for the preset's
     * @param workDir     where bundles are written
     * @param sources     input descriptions for the manifest
     */
    public record Settings(Preset preset, SessionSpec session, Long shuffleSeed, int seeds, long baseSeed,
                           Duration budget, Integer epochs, Path workDir, List<String> sources) {
    }

    /** Runs every repetition on {@code set} and returns them; progress goes to {@code log}. */
    public static List<SeedRun> run(SequenceSet set, Settings settings, PrintStream log)
        throws IOException, BundleException, OrtException {
        List<SeedRun> runs = new ArrayList<>();
        int maxSteps = maxSteps(settings, assumedRate(settings.preset()));
        for (int i = 0; i < settings.seeds(); i++) {
            long seed = settings.baseSeed() + i;
            Long shuffle = settings.shuffleSeed() == null ? null : settings.shuffleSeed() + i;
            Split split = Protocol.NATURAL.split(set.sequences(), shuffle, seed);
            requireUsable(split);
            log.printf(Locale.ROOT, "seed %d: %d train, %d validation, %d fit, %d test sequences (%s)%s%n", seed,
                split.train().size(), split.valid().size(), split.fit().size(), split.test().size(), split.order(),
                maxSteps > 0 ? ", at most " + maxSteps + " steps" : "");
            SeedRun run = runOne(split, settings, seed, maxSteps, log);
            runs.add(run);
            if (maxSteps > 0 && run.stepsPerSecond() > 0) {
                maxSteps = Math.min(maxSteps, maxSteps(settings, run.stepsPerSecond()));
            }
        }
        return runs;
    }

    private static SeedRun runOne(Split split, Settings settings, long seed, int maxSteps, PrintStream log)
        throws IOException, BundleException, OrtException {
        Path out = settings.workDir().resolve("seed-" + seed);
        deleteIfPresent(out);
        long start = System.nanoTime();
        TrainResult trained = TrainPipeline.runOnSplit(new SplitPlan.Parts(sequences(split.train()),
            sequences(split.valid()), sequences(split.fit())), options(settings, seed, maxSteps), out);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf(Locale.ROOT, "seed %d: trained in %.1f s (%d steps, %d epochs, %.1f steps/s)%n", seed, seconds,
            trained.steps(), trained.epochs(), trained.stepsPerSecond());
        try (Bundle bundle = Bundle.load(trained.bundle())) {
            SequenceScorer scorer = new SequenceScorer(bundle);
            ScoredSet fit = ModelScoring.score(scorer, bundle.manifest(), split.fit());
            ScoredSet natural = ModelScoring.score(scorer, bundle.manifest(), split.test());
            ScoredSet paper = subset(natural, Protocol.balance(split.test(), seed));
            List<UnseenMessageBaseline> baselines = List.of(UnseenMessageBaseline.fit(split.train(), false),
                UnseenMessageBaseline.fit(split.train(), true));
            Map<Protocol, List<DetectorResult>> results = new EnumMap<>(Protocol.class);
            results.put(Protocol.NATURAL, Detectors.evaluate(natural, scorer.threshold(), fit, baselines));
            results.put(Protocol.PAPER, Detectors.evaluate(paper, scorer.threshold(), fit, baselines));
            return new SeedRun(seed, split.order(), seconds, trained.stepsPerSecond(), split.train().size(),
                split.valid().size(), split.fit().size(), results, natural, scorer.threshold());
        }
    }

    private static TrainOptions options(Settings settings, long seed, int maxSteps) {
        TrainingConfig config = settings.preset().config().withSeed(seed).withMaxSteps(maxSteps);
        if (settings.epochs() != null) {
            config = config.withMaxEpochs(settings.epochs());
        }
        return TrainOptions.defaults(settings.preset()).withConfig(config).withSession(settings.session())
            .withSources(settings.sources()).withListener(TrainingListener.NONE);
    }

    private static ScoredSet subset(ScoredSet all, List<LabeledSequence> keep) {
        java.util.Set<LabeledSequence> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        kept.addAll(keep);
        List<LabeledSequence> sequences = new ArrayList<>();
        List<ScoredSequence> scored = new ArrayList<>();
        for (int i = 0; i < all.sequences().size(); i++) {
            if (kept.contains(all.sequences().get(i))) {
                sequences.add(all.sequences().get(i));
                scored.add(all.scored().get(i));
            }
        }
        return new ScoredSet(sequences, scored, all.fusion());
    }

    private static void requireUsable(Split split) {
        if (split.train().isEmpty() || split.valid().isEmpty() || split.fit().isEmpty()) {
            throw new IllegalArgumentException("the split left no normal sequence in the train, validation or fit"
                + " part (" + split.train().size() + ", " + split.valid().size() + ", " + split.fit().size()
                + "): give more input or cut shorter sequences");
        }
        long anomalies = split.testAnomalies();
        if (anomalies == 0 || anomalies == split.test().size()) {
            throw new IllegalArgumentException("the test part (" + split.order() + ") holds " + anomalies
                + " anomalous of " + split.test().size() + " sequences, so detection cannot be measured: split in"
                + " a shuffled order with --shuffle-seed N");
        }
    }

    private static int maxSteps(Settings settings, double stepsPerSecond) {
        if (settings.budget() == null) {
            return 0;
        }
        double perSeed = settings.budget().toMillis() / 1000.0 / settings.seeds();
        return Math.max(10, (int) (perSeed * TRAINING_SHARE * stepsPerSecond));
    }

    private static double assumedRate(Preset preset) {
        return switch (preset) {
            case TINY -> 3;
            case SMALL -> 1.0;
            case PAPER -> 0.4;
        };
    }

    private static List<Sequence> sequences(List<LabeledSequence> part) {
        return part.stream().map(LabeledSequence::sequence).toList();
    }

    private static void deleteIfPresent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
