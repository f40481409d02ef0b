package io.contralog.trainer.train;

import ai.onnxruntime.OrtException;
import io.contralog.core.event.LogEvent;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.bundle.BundleException;
import io.contralog.model.bundle.BundleWriter;
import io.contralog.model.bundle.Dims;
import io.contralog.model.bundle.Manifest;
import io.contralog.model.bundle.ReferenceSet;
import io.contralog.model.bundle.ScoringSettings;
import io.contralog.model.bundle.TokenizerSettings;
import io.contralog.model.score.Features;
import io.contralog.model.score.RawScores;
import io.contralog.model.score.ScoreFusion;
import io.contralog.model.score.ScorerOptions;
import io.contralog.model.score.Threshold;
import io.contralog.model.session.Sequence;
import io.contralog.model.session.Sessionizer;
import io.contralog.model.text.CanonicalText;
import io.contralog.model.tokenize.BpeTokenizer;
import io.contralog.trainer.nn.ModelDims;
import io.contralog.trainer.onnx.OnnxExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events in, bundle out: sessionize, split, learn the tokenizer, train, export both encoders, build the reference
 * set, fit fusion and threshold on the fit part with the agent's own scoring code, and commit the bundle.
 */
public final class TrainPipeline {

    /** Fewest sequences a run accepts: each of the three parts needs a few. */
    public static final int MIN_SEQUENCES = 40;

    private static final Logger LOG = LoggerFactory.getLogger(TrainPipeline.class);
    private static final int SMALL_FIT_SET = 50;

    private TrainPipeline() {
    }

    /** Sessionizes {@code events} with the options' session settings, splits them and trains. */
    public static TrainResult run(List<LogEvent> events, TrainOptions options, Path outDir)
            throws IOException, BundleException {
        List<Sequence> sequences = Sessionizer.sessionize(events, options.effectiveSession());
        requireEnough(sequences.size(), events.size() + " events made " + sequences.size() + " sequences", options);
        return split(sequences, options, outDir);
    }

    /**
     * Splits sequences cut elsewhere (by a reader with labels, anomalous ones already left out) and trains; they
     * should have been cut with {@link TrainOptions#effectiveSession()}, which the bundle records.
     */
    public static TrainResult runOnSequences(List<Sequence> sequences, TrainOptions options, Path outDir)
            throws IOException, BundleException {
        requireEnough(sequences.size(), sequences.size() + " normal sequences", options);
        return split(sequences, options, outDir);
    }

    private static void requireEnough(int count, String found, TrainOptions options) {
        if (count < MIN_SEQUENCES) {
            throw new InsufficientDataException(found + " (" + options.effectiveSession().describe()
                + "); training needs at least " + MIN_SEQUENCES + " sequences: give more input, or cut shorter"
                + " sequences with --window or --window-events");
        }
    }

    private static TrainResult split(List<Sequence> sequences, TrainOptions options, Path outDir)
            throws IOException, BundleException {
        SplitPlan.Parts parts = options.split().split(sequences);
        LOG.info("{} events in {} sequences: {} to learn, {} to stop early, {} to fit the threshold",
            sequences.stream().mapToInt(s -> s.events().size()).sum(), sequences.size(), parts.learn().size(),
            parts.stop().size(), parts.fit().size());
        return runOnSplit(parts, options, outDir);
    }

    /** Trains on a split made elsewhere (the benchmark protocol); every part must be non-empty. */
    public static TrainResult runOnSplit(SplitPlan.Parts parts, TrainOptions options, Path outDir)
            throws IOException, BundleException {
        if (parts.learn().isEmpty() || parts.stop().isEmpty() || parts.fit().isEmpty()) {
            throw new InsufficientDataException("the learn, early-stop and fit parts must each hold a sequence"
                + " (they hold " + parts.learn().size() + ", " + parts.stop().size() + ", " + parts.fit().size()
                + ")");
        }
        List<List<String>> learn = texts(parts.learn());
        ModelDims dims = options.config().dims();
        BpeTokenizer tokenizer = BpeTokenizer.learn(() -> learn.stream().flatMap(List::stream).iterator(),
            dims.vocabSize(), dims.maxTokens());
        TrainingConfig config = options.config().withDims(dims.withVocabSize(tokenizer.vocabSize()));
        try (TrainedModel model = ModelTrainer.train(learn, texts(parts.stop()), tokenizer::encode, config,
                options.listener());
             BundleWriter writer = BundleWriter.create(outDir)) {
            writer.writeTokenizer(tokenizer);
            new OnnxExporter(model.net()).writeTo(writer.dir());
            Manifest draft = draft(config, tokenizer, options);
            ReferenceSet reference = writer.writeReference(counts(learn), options.referenceCap(), draft,
                ScorerOptions.defaults());
            draft = draft.withScoring(new ScoringSettings(ScoringSettings.DEFAULT_MASK_PASSES, reference.size()));
            Manifest manifest = fit(writer, draft, texts(parts.fit()), options)
                .withSummaries(trainingSummary(parts, options, learn), validationSummary(model));
            Path bundle = writer.commit(manifest);
            LOG.info("bundle written to {} (threshold {} by {})", bundle, manifest.threshold().value(),
                manifest.threshold().method());
            return new TrainResult(bundle, manifest, model.steps(), model.epochs().size(), model.stepsPerSecond(),
                model.sequencesPerSecond(), model.bestValidationLoss());
        }
    }

    private static Manifest draft(TrainingConfig config, BpeTokenizer tokenizer, TrainOptions options) {
        ModelDims d = config.dims();
        Dims dims = new Dims(d.dim(), d.ffn(), d.layers(), d.heads(), d.maxTokens(), d.maxMessages(), d.vocabSize());
        return Manifest.draft(config.preset(), dims, TokenizerSettings.of(tokenizer), options.effectiveSession(),
            new ScoringSettings(ScoringSettings.DEFAULT_MASK_PASSES, 0), trainerVersion());
    }

    private static Manifest fit(BundleWriter writer, Manifest draft, List<List<String>> fitTexts,
            TrainOptions options) throws BundleException, IOException {
        try (Bundle partial = writer.openForScoring(draft)) {
            RawScores raw = partial.scorer().score(fitTexts);
            List<Features> features = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                features.add(raw.features(i));
            }
            warnIfFitSetIsSmall(features.size(), options.falseAlarmTarget(), options.split().fit());
            ScoreFusion fusion = ScoreFusion.fit(features);
            double[] fused = features.stream().mapToDouble(fusion::fuse).toArray();
            Threshold threshold = Threshold.fit(fused, options.thresholdMethod(), options.falseAlarmTarget());
            if (!Double.isFinite(threshold.value())) {
                throw new IOException("the threshold fitted on " + fused.length + " fit sequences is "
                    + threshold.value() + ", so no bundle is written; train again with another --seed or more data");
            }
            return draft.withFit(fusion, threshold);
        } catch (OrtException e) {
            throw new IOException("scoring the fit sequences with ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /**
     * A false-alarm target of 0.1% needs about a thousand normal sequences to be more than the largest fit score;
     * below a few dozen, fusion statistics and threshold are rough, and a person should know before deploying.
     */
    private static void warnIfFitSetIsSmall(int fitSequences, double target, double fitShare) {
        int needed = (int) Math.ceil(1 / Math.max(target, 1e-6));
        if (fitSequences < Math.min(needed, SMALL_FIT_SET)) {
            LOG.warn("the score fusion and threshold are fitted on only {} normal sequences ({}% of the input); the "
                + "threshold is then about their largest score and false alarms may be frequent. Train on more "
                + "logs (at least {} sequences in all) or hold out a larger share with --fit-share for a dependable "
                + "threshold", fitSequences, Math.round(fitShare * 100), Math.round(SMALL_FIT_SET / fitShare));
        }
    }

    private static List<List<String>> texts(List<Sequence> sequences) {
        List<List<String>> out = new ArrayList<>(sequences.size());
        for (Sequence s : sequences) {
            out.add(s.events().stream().map(CanonicalText::of).toList());
        }
        return out;
    }

    private static Map<String, Long> counts(List<List<String>> sequences) {
        Map<String, Long> counts = new HashMap<>();
        for (List<String> seq : sequences) {
            for (String text : seq) {
                counts.merge(text, 1L, Long::sum);
            }
        }
        return counts;
    }

    private static Map<String, Object> trainingSummary(SplitPlan.Parts parts, TrainOptions options,
            List<List<String>> learn) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sources", options.sources());
        s.putAll(options.inputSummary());
        s.put("learnSequences", parts.learn().size());
        s.put("stopSequences", parts.stop().size());
        s.put("fitSequences", parts.fit().size());
        s.put("learnEvents", learn.stream().mapToInt(List::size).sum());
        s.put("distinctLearnMessages", counts(learn).size());
        s.put("split", options.split().shuffleSeed() == null ? "time order" : "shuffled, seed "
            + options.split().shuffleSeed());
        s.put("seed", options.config().seed());
        s.put("loss", options.config().loss().name().toLowerCase(java.util.Locale.ROOT));
        s.put("sameTextPositive", options.config().sameTextPositive());
        return s;
    }

    private static Map<String, Object> validationSummary(TrainedModel model) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("bestValidationLoss", model.bestValidationLoss());
        v.put("epochs", model.epochs().size());
        v.put("steps", model.steps());
        v.put("stoppedEarly", model.stoppedEarly());
        v.put("stepsPerSecond", Math.round(model.stepsPerSecond() * 100) / 100.0);
        v.put("sequencesPerSecond", Math.round(model.sequencesPerSecond() * 10) / 10.0);
        return v;
    }

    /** The trainer's version from the jar manifest, or {@code dev} when run from classes. */
    public static String trainerVersion() {
        String v = TrainPipeline.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
