package io.contralog.model.testing;

import io.contralog.model.bundle.Bundle;
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
import io.contralog.model.session.SessionSpec;
import io.contralog.model.tokenize.BpeTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a complete bundle from the test graphs and generated flows, fitted the way a trainer fits one. */
public final class TestBundles {

    /** Embedding width of test bundles. */
    public static final int DIM = 32;
    /** Vocabulary of test bundles. */
    public static final int VOCAB = 400;
    /** Tokens per message of test bundles. */
    public static final int MAX_TOKENS = 32;
    /** Messages per sequence of test bundles. */
    public static final int MAX_MESSAGES = 64;

    private TestBundles() {
    }

    /**
     * A token table standing in for a trained one: tokens used by one flow only share that flow's direction,
     * tokens of both flows (numbers, punctuation) weigh little, and tokens never seen in training are random.
     */
    static float[] flowTable(BpeTokenizer tokenizer, List<String> texts, int dim) {
        int[] flows = new int[VOCAB];
        for (String text : texts) {
            for (int id : tokenizer.encode(text)) {
                flows[id] |= 1 << Flows.flowOf(text);
            }
        }
        float[] noise = TestGraphs.random(VOCAB * dim, 7);
        float[][] centre = {TestGraphs.random(dim, 8), TestGraphs.random(dim, 9)};
        float[] table = new float[VOCAB * dim];
        for (int id = 0; id < VOCAB; id++) {
            for (int d = 0; d < dim; d++) {
                float n = noise[id * dim + d];
                table[id * dim + d] = switch (flows[id]) {
                    case 1 -> 2 * centre[0][d] + 0.5f * n;
                    case 2 -> 2 * centre[1][d] + 0.5f * n;
                    case 3 -> 0.2f * n;
                    default -> n;
                };
            }
        }
        return table;
    }

    /** Builds, fits and commits a bundle at {@code target}. */
    public static Path build(Path target) throws Exception {
        return build(target, DIM);
    }

    /** Builds with another embedding width. */
    public static Path build(Path target, int dim) throws Exception {
        List<List<String>> train = Flows.normal(400, 1);
        List<String> texts = new ArrayList<>();
        train.forEach(texts::addAll);
        BpeTokenizer tokenizer = BpeTokenizer.learn(texts, VOCAB, MAX_TOKENS);
        Map<String, Long> counts = new HashMap<>();
        texts.forEach(t -> counts.merge(t, 1L, Long::sum));

        try (BundleWriter writer = BundleWriter.create(target)) {
            writer.writeTokenizer(tokenizer);
            TestGraphs.messageEncoder(writer.dir().resolve(Bundle.MESSAGE_ENCODER), flowTable(tokenizer, texts, dim),
                VOCAB, dim, "embedding");
            TestGraphs.sequenceEncoder(writer.dir().resolve(Bundle.SEQUENCE_ENCODER), dim, 11);
            Manifest draft = Manifest.draft("test", new Dims(dim, 2 * dim, 1, 1, MAX_TOKENS, MAX_MESSAGES, VOCAB),
                TokenizerSettings.of(tokenizer), SessionSpec.defaults(),
                new ScoringSettings(ScoringSettings.DEFAULT_MASK_PASSES, 0), "test");
            ReferenceSet reference = writer.writeReference(counts, 10_000, draft, ScorerOptions.defaults());
            draft = draft.withScoring(new ScoringSettings(ScoringSettings.DEFAULT_MASK_PASSES, reference.size()));

            List<List<String>> fit = Flows.normal(200, 2);
            List<Features> features = new ArrayList<>();
            try (Bundle partial = writer.openForScoring(draft)) {
                RawScores raw = partial.scorer().score(fit);
                for (int i = 0; i < raw.size(); i++) {
                    features.add(raw.features(i));
                }
            }
            ScoreFusion fusion = ScoreFusion.fit(features);
            double[] fused = features.stream().mapToDouble(fusion::fuse).toArray();
            Manifest done = draft.withFit(fusion, Threshold.fit(fused))
                .withSummaries(Map.of("sequences", train.size()), Map.of("fitSequences", fit.size()));
            return writer.commit(done);
        }
    }
}
