package io.contralog.trainer.eval;

import ai.onnxruntime.OrtException;
import io.contralog.model.bundle.Manifest;
import io.contralog.model.score.ScoredSequence;
import io.contralog.model.score.SequenceScorer;
import io.contralog.model.session.Sequence;
import io.contralog.model.session.SessionSpec;

import java.util.ArrayList;
import java.util.List;

/** Scores labelled sequences with the model module's {@link SequenceScorer}, a batch at a time. */
public final class ModelScoring {

    /** Sequences handed to the scorer at once: large enough to batch well, small enough to bound memory. */
    public static final int BATCH = 256;

    private ModelScoring() {
    }

    /** Scores every sequence. */
    public static ScoredSet score(SequenceScorer scorer, Manifest manifest, List<LabeledSequence> sequences)
        throws OrtException {
        List<ScoredSequence> scored = new ArrayList<>(sequences.size());
        for (int from = 0; from < sequences.size(); from += BATCH) {
            List<Sequence> batch = sequences.subList(from, Math.min(sequences.size(), from + BATCH)).stream()
                .map(LabeledSequence::sequence).toList();
            scored.addAll(scorer.score(batch));
        }
        return new ScoredSet(sequences, scored, manifest.fusion());
    }

    /** Returns {@code spec} with its maximum length cut to what the model can read. */
    public static SessionSpec fitToModel(SessionSpec spec, Manifest manifest) {
        int modelMax = manifest.dims().maxMessages();
        return spec.maxLength() > modelMax ? spec.withMaxLength(modelMax) : spec;
    }
}
