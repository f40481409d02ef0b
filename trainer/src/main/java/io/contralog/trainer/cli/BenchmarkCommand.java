package io.contralog.trainer.cli;

import ai.onnxruntime.OrtException;
import io.contralog.model.bundle.BundleException;
import io.contralog.model.session.SessionSpec;
import io.contralog.trainer.eval.Aggregate;
import io.contralog.trainer.eval.Benchmark;
import io.contralog.trainer.eval.DetectorResult;
import io.contralog.trainer.eval.HtmlReport;
import io.contralog.trainer.eval.Protocol;
import io.contralog.trainer.eval.ResultTable;
import io.contralog.trainer.eval.SeedRun;
import io.contralog.trainer.eval.SequenceSet;
import io.contralog.trainer.train.DjlRuntime;
import io.contralog.trainer.train.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code benchmark}: the authors' protocol end to end, with baselines, over one or more seeds. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = "Splits labelled logs 60/5/5/30, trains on the normal train part, fits thresholds on the fit part,"
        + " and scores the test part under both protocols, with the model's parts and two simple baselines.")
public final class BenchmarkCommand implements Callable<Integer> {

    @Mixin
    private SequenceInputOptions input;

    @Option(names = "--preset", defaultValue = "small", paramLabel = "P", description = "tiny, small or paper.")
    private String preset;

    @Option(names = "--protocol", defaultValue = "paper", paramLabel = "paper|natural",
        description = "Which test set the closing line reports: balanced 1:1 (paper, default) or natural ratio.")
    private String protocol;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write an HTML report (first seed).")
    private Path report;

    @Option(names = "--max-minutes", paramLabel = "N", description = "Time budget for all seeds together.")
    private Double maxMinutes;

    @Option(names = "--shuffle-seed", paramLabel = "N",
        description = "Split in an order shuffled with this seed instead of time order.")
    private Long shuffleSeed;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N", description = "Repetitions (default: 1).")
    private int seeds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the first repetition.")
    private long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs (default: the preset's).")
    private Integer epochs;

    @Option(names = "--threads", paramLabel = "N", description = "Engine threads for training (default: 1).")
    private Integer threads;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where bundles go (default: a temporary folder).")
    private Path workDir;

    @Option(names = "--name", paramLabel = "NAME", description = "Row name for --summary (default: the input).")
    private String name;

    @Option(names = "--summary", paramLabel = "FILE.tsv", description = "Append the aggregated rows as TSV.")
    private Path summary;

    @Override
    public Integer call() throws IOException, OrtException, BundleException {
        Protocol chosen = Protocol.parse(protocol);
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1, was " + seeds);
        }
        if (maxMinutes != null && !(maxMinutes > 0)) {
            throw new IllegalArgumentException("--max-minutes must be positive, was " + maxMinutes);
        }
        if (threads != null) {
            DjlRuntime.threads(threads);
        }
        PrintStream out = System.out;
        Preset p = Preset.parse(preset);
        SessionSpec spec = input.defaultSession();
        SequenceSet set = input.read(spec);
        if (!set.labelled()) {
            throw new IllegalArgumentException("--input " + input.inputs + " carries no labels: give --labels CSV or a"
                + " labelled format (bgl, thunderbird, hdfs, multilog)");
        }
        out.printf(Locale.ROOT, "input: %s; %d sequences (%s), %d anomalous%s; preset %s%n", input.describe(),
            set.sequences().size(), set.spec(), set.anomalies(), unkeyedNote(set), p.id());
        Path work = workDir != null ? workDir : Files.createTempDirectory("contralog-benchmark");
        Duration budget = maxMinutes == null ? null : Duration.ofMillis(Math.round(maxMinutes * 60_000));
        List<SeedRun> runs = Benchmark.run(set, new Benchmark.Settings(p, spec, shuffleSeed, seeds, seed, budget,
            epochs, work, input.inputs.stream().map(Path::toString).toList()), out);
        return finish(out, runs, chosen, set);
    }

    static String unkeyedNote(SequenceSet set) {
        return set.unkeyed() == 0 ? ""
            : " (" + set.unkeyed() + " sequences without a key left out: no label names them)";
    }

    private int finish(PrintStream out, List<SeedRun> runs, Protocol chosen, SequenceSet set) throws IOException {
        double trainSeconds = runs.stream().mapToDouble(SeedRun::trainSeconds).average().orElse(0);
        SeedRun first = runs.get(0);
        out.printf(Locale.ROOT, "%nsplit %s; per seed %d train, %d validation, %d fit sequences; training %.0f s per"
            + " seed%n", first.order(), first.trainSeqs(), first.validSeqs(), first.fitSeqs(), trainSeconds);
        StringBuilder tsv = new StringBuilder();
        for (Protocol protocolRow : Protocol.values()) {
            List<Aggregate> rows = Aggregate.of(runs, protocolRow);
            out.print(ResultTable.format(protocolRow, rows));
            tsv.append(ResultTable.tsv(name == null ? input.inputs.toString() : name, first, trainSeconds, protocolRow,
                rows));
        }
        out.println(CommandSupport.thresholdLine(first.threshold()) + "; figures use the model row '"
            + first.threshold().method() + "'");
        if (summary != null) {
            Files.writeString(summary, tsv, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        }
        if (report != null) {
            List<DetectorResult> results = first.results().get(Protocol.NATURAL);
            HtmlReport.write(report, "Benchmark on " + input.inputs, List.of("input " + input.describe(),
                "sequences " + set.spec(), "split " + first.order() + ", seed " + first.seed()
                + ", natural test ratio", CommandSupport.thresholdLine(first.threshold())), first.natural(),
                first.threshold(), results);
            out.println("report: " + report);
        }
        out.println("protocol " + chosen.id() + ", mean over " + runs.size() + " seed(s):");
        out.println(Aggregate.of(runs, chosen).get(0).line());
        return 0;
    }
}
