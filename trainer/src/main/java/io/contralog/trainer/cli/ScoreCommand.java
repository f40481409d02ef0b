package io.contralog.trainer.cli;

import ai.onnxruntime.OrtException;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.bundle.Manifest;
import io.contralog.model.score.MessageScore;
import io.contralog.model.score.ScoredSequence;
import io.contralog.model.score.SequenceScorer;
import io.contralog.model.session.Sequence;
import io.contralog.trainer.eval.ModelScoring;
import io.contralog.trainer.eval.ScoredSet;
import io.contralog.trainer.eval.SequenceSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code score}: prints the most anomalous sequences of some logs, with their worst messages explained. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Scores logs with a model and prints the most anomalous sequences, each with its worst messages and"
        + " the nearest normal message of each.")
public final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model bundle folder.")
    private Path model;

    @Mixin
    private SequenceInputOptions input;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "Sequences to print (default: 10).")
    private int top;

    @Option(names = "--messages", defaultValue = "5", paramLabel = "N",
        description = "Messages to print per sequence (default: 5).")
    private int messages;

    @Override
    public Integer call() throws IOException, OrtException {
        if (top < 1 || messages < 1) {
            throw new IllegalArgumentException("--top and --messages must be at least 1");
        }
        PrintStream out = System.out;
        try (Bundle bundle = CommandSupport.loadBundle(model)) {
            Manifest manifest = bundle.manifest();
            SequenceSet set = input.read(ModelScoring.fitToModel(input.session(manifest.session()), manifest));
            SequenceScorer scorer = new SequenceScorer(bundle);
            ScoredSet scored = ModelScoring.score(scorer, manifest, set.sequences());
            long flagged = scored.scored().stream().filter(ScoredSequence::anomalous).count();
            out.printf(Locale.ROOT, "%d sequences (%s), %d above the threshold%n%s%n", scored.scored().size(),
                set.spec(), flagged, CommandSupport.thresholdLine(scorer.threshold()));
            int rank = 1;
            for (int index : scored.top(top)) {
                print(out, rank++, scored.scored().get(index), set.labelled()
                    ? (set.sequences().get(index).anomalous() ? " [labelled anomalous]" : " [labelled normal]") : "");
            }
        }
        return 0;
    }

    private void print(PrintStream out, int rank, ScoredSequence s, String label) {
        Sequence seq = s.sequence();
        out.printf(Locale.ROOT, "%n#%d score %.3f%s%s service=%s key=%s start=%s messages=%d%n", rank, s.score(),
            s.anomalous() ? " ANOMALOUS" : "", label, seq.service(), seq.key().isEmpty() ? "-" : seq.key(),
            Instant.ofEpochSecond(0, seq.startTs()), seq.size());
        for (MessageScore m : s.mostAnomalous(messages)) {
            out.printf(Locale.ROOT, "  [%d] in-context %.3f, context-free %.3f: %s%n", m.position(), m.inContext(),
                m.contextFree(), m.text());
            if (m.nearestNormal() != null) {
                out.println("      nearest normal: " + m.nearestNormal());
            }
        }
    }
}
