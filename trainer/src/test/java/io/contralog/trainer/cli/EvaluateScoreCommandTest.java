package io.contralog.trainer.cli;

import io.contralog.core.event.LogEvent;
import io.contralog.core.json.EventJson;
import io.contralog.trainer.testing.RequestFlowLogs;
import io.contralog.trainer.testing.TinyBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives {@code evaluate}, {@code score} and {@code benchmark} through the trainer's command line. */
class EvaluateScoreCommandTest {

    private static final int NORMAL_REQUESTS = 80;
    private static final int FAILED_REQUESTS = 8;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private Path logs;
    private Path labels;

    @BeforeEach
    void writeHeldOutLogs() throws Exception {
        RequestFlowLogs generator = new RequestFlowLogs(TinyBundle.DATA_SEED + 100);
        List<LogEvent> events = new ArrayList<>(generator.normal(NORMAL_REQUESTS));
        Set<String> failed = new LinkedHashSet<>();
        for (int i = 0; i < FAILED_REQUESTS; i++) {
            List<LogEvent> request = generator.unseenError();
            failed.add(request.get(0).ctx().get(RequestFlowLogs.KEY));
            events.addAll(request);
        }
        events.sort(Comparator.comparingLong(LogEvent::ts));
        logs = dir.resolve("shop.jsonl");
        Files.write(logs, events.stream().map(EventJson::toJson).toList(), StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("requestId,Label\n");
        events.stream().map(e -> e.ctx().get(RequestFlowLogs.KEY)).distinct()
            .forEach(id -> csv.append(id).append(failed.contains(id) ? ",Anomaly\n" : ",Normal\n"));
        labels = Files.writeString(dir.resolve("labels.csv"), csv);
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStreams() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void evaluateEndsWithTheFiguresLineAndWritesTheReport() throws Exception {
        Path report = dir.resolve("report/eval.html");

        int code = TrainerMain.run("evaluate", "--model", TinyBundle.get().toString(), "--input", logs.toString(),
            "--format", "jsonl", "--labels", labels.toString(), "--report", report.toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = text.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).matches("precision=\\S+ recall=\\S+ f1=\\S+ auroc=(\\S+) sessions="
            + (NORMAL_REQUESTS + FAILED_REQUESTS) + " anomalous=" + FAILED_REQUESTS);
        double auroc = Double.parseDouble(last.replaceAll(".*auroc=(\\S+).*", "$1"));
        assertThat(auroc).isGreaterThan(0.8);
        assertThat(text).contains("threshold: ").contains("false-alarm-target").contains("context-free");
        String html = Files.readString(report);
        assertThat(html).contains("data:image/png;base64,").contains("Most anomalous sequences")
            .contains("nearest normal message").contains("Payment provider rejected");
    }

    @Test
    void scorePrintsTheWorstSequencesWithTheirNearestNormalMessages() {
        int code = TrainerMain.run("score", "--model", TinyBundle.get().toString(), "--input", logs.toString(),
            "--top", "3");

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text).contains("#1 score").contains("#3 score").doesNotContain("#4 score")
            .contains("nearest normal: ").contains(NORMAL_REQUESTS + FAILED_REQUESTS + " sequences");
        assertThat(text.substring(text.indexOf("#1 score"))).contains("Payment provider rejected");
    }

    @Test
    void evaluateWithoutLabelsIsBadUsage() {
        int code = TrainerMain.run("evaluate", "--model", TinyBundle.get().toString(), "--input", logs.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--labels");
    }

    @Test
    void labelsThatNameNoSequenceAreBadUsage() throws Exception {
        Path other = Files.writeString(dir.resolve("other.csv"), "requestId,Label\nnope,Anomaly\n");

        int code = TrainerMain.run("evaluate", "--model", TinyBundle.get().toString(), "--input", logs.toString(),
            "--labels", other.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(other.toString());
    }

    @Test
    void aMissingModelOrUnknownOptionValueIsBadUsage() {
        assertThat(TrainerMain.run("evaluate", "--model", dir.resolve("none").toString(), "--input", logs.toString(),
            "--labels", labels.toString())).isEqualTo(2);
        assertThat(TrainerMain.run("benchmark", "--input", logs.toString(), "--labels", labels.toString(),
            "--protocol", "fancy")).isEqualTo(2);
        assertThat(TrainerMain.run("benchmark", "--input", logs.toString(), "--format", "syslog")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--protocol").contains("--format 'syslog'");
    }
}
