package io.contralog.trainer.cli;

import ai.onnxruntime.OrtException;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.bundle.Manifest;
import io.contralog.model.score.SequenceScorer;
import io.contralog.model.score.Threshold;
import io.contralog.model.session.SessionSpec;
import io.contralog.trainer.eval.DetectorResult;
import io.contralog.trainer.eval.Detectors;
import io.contralog.trainer.eval.HtmlReport;
import io.contralog.trainer.eval.ModelScoring;
import io.contralog.trainer.eval.ResultTable;
import io.contralog.trainer.eval.ScoredSet;
import io.contralog.trainer.eval.SequenceSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code evaluate}: scores every sequence of labelled logs with a finished model and reports how well it did. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Scores labelled logs the model has not seen, with the agent's scoring code, and reports precision,"
        + " recall, F1 and AUROC.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model bundle folder.")
    private Path model;

    @Mixin
    private SequenceInputOptions input;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write a self-contained HTML report.")
    private Path report;

    @Override
    public Integer call() throws IOException, OrtException {
        PrintStream out = System.out;
        try (Bundle bundle = CommandSupport.loadBundle(model)) {
            Manifest manifest = bundle.manifest();
            SessionSpec spec = ModelScoring.fitToModel(input.session(manifest.session()), manifest);
            SequenceSet set = input.read(spec);
            if (!set.labelled()) {
                throw new IllegalArgumentException("--input " + input.inputs + " carries no labels: give --labels CSV"
                    + " or a labelled format (bgl, thunderbird, hdfs, multilog); for unlabelled logs use 'score'");
            }
            SequenceScorer scorer = new SequenceScorer(bundle);
            ScoredSet scored = ModelScoring.score(scorer, manifest, set.sequences());
            Threshold threshold = scorer.threshold();
            List<DetectorResult> results = Detectors.evaluate(scored, threshold, null, List.of());
            out.println("input: " + input.describe() + ", sequences: " + set.spec()
                + BenchmarkCommand.unkeyedNote(set));
            out.print(ResultTable.format(results));
            out.println(CommandSupport.thresholdLine(threshold));
            if (report != null) {
                HtmlReport.write(report, "Evaluation of " + model, List.of("input " + input.describe(),
                    "sequences " + set.spec(), CommandSupport.thresholdLine(threshold)), scored, threshold, results);
                out.println("report: " + report);
            }
            out.println(Detectors.primary(results).metrics().line());
        }
        return 0;
    }
}
