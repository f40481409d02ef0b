package io.contralog.model.score;

import ai.onnxruntime.OrtException;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.bundle.Manifest;
import io.contralog.model.session.Sequence;
import io.contralog.model.text.CanonicalText;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores closed sequences with a loaded bundle: the one scoring path shared by the agent and evaluation.
 *
 * <p>Texts go through {@link CanonicalText}, per-message scores through the bundle's {@link OnnxScorer},
 * features through the bundle's {@link ScoreFusion}, and the verdict through its {@link Threshold} (or one
 * given in its place).
 */
public final class SequenceScorer {

    private final OnnxScorer scorer;
    private final ScoreFusion fusion;
    private final Threshold threshold;
    private final List<String> referenceTexts;

    /** Scores with the bundle's fusion and threshold; the bundle must have been fitted. */
    public SequenceScorer(Bundle bundle) {
        this(bundle, bundle.manifest().threshold());
    }

    /** Scores with the bundle's fusion and another threshold (another target, or a fixed value). */
    public SequenceScorer(Bundle bundle, Threshold threshold) {
        Manifest m = bundle.manifest();
        if (m.fusion() == null || threshold == null) {
            throw new IllegalStateException(bundle.dir() + ": the bundle has no fitted fusion statistics or"
                + " threshold, so it cannot decide what is anomalous");
        }
        this.scorer = bundle.scorer();
        this.fusion = m.fusion();
        this.threshold = threshold;
        this.referenceTexts = bundle.reference() == null ? List.of() : bundle.reference().texts();
    }

    /** Scores sequences of events. */
    public List<ScoredSequence> score(List<Sequence> sequences) throws OrtException {
        long t0 = System.nanoTime();
        List<List<String>> texts = new ArrayList<>(sequences.size());
        for (Sequence s : sequences) {
            texts.add(s.events().stream().map(CanonicalText::of).toList());
        }
        scorer.times().addText(System.nanoTime() - t0);
        return verdicts(sequences, texts);
    }

    /** Scores sequences given as canonical texts (for posted lines and evaluation on prepared texts). */
    public List<ScoredSequence> scoreTexts(List<List<String>> texts) throws OrtException {
        return verdicts(null, texts);
    }

    /** The threshold in use. */
    public Threshold threshold() {
        return threshold;
    }

    /** The scorer underneath, for its cache counters and provider. */
    public OnnxScorer scorer() {
        return scorer;
    }

    private List<ScoredSequence> verdicts(List<Sequence> sequences, List<List<String>> texts) throws OrtException {
        RawScores raw = scorer.score(texts);
        List<ScoredSequence> out = new ArrayList<>(texts.size());
        for (int s = 0; s < texts.size(); s++) {
            Features f = raw.features(s);
            double fused = fusion.fuse(f);
            out.add(new ScoredSequence(sequences == null ? null : sequences.get(s), fused, threshold.value(),
                threshold.isAnomalous(fused), f, messages(texts.get(s), raw, s)));
        }
        return out;
    }

    private List<MessageScore> messages(List<String> texts, RawScores raw, int s) {
        List<MessageScore> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            int near = raw.nearest()[s][i];
            String nearest = near >= 0 && near < referenceTexts.size() ? referenceTexts.get(near) : null;
            out.add(new MessageScore(i, texts.get(i), raw.inContext()[s][i], raw.contextFree()[s][i], nearest));
        }
        return out;
    }
}
