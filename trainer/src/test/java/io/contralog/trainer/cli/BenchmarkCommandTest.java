package io.contralog.trainer.cli;

import io.contralog.core.event.LogEvent;
import io.contralog.core.json.EventJson;
import io.contralog.trainer.testing.RequestFlowLogs;
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

/** Runs {@code benchmark} end to end with the tiny preset and one epoch on generated, labelled request flows. */
class BenchmarkCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream savedOut;

    @BeforeEach
    void captureOutput() {
        savedOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(savedOut);
    }

    @Test
    void reportsBothProtocolsTheModelPartsAndBaselinesAndAppendsTsvRows() throws Exception {
        RequestFlowLogs generator = new RequestFlowLogs(31);
        List<LogEvent> events = new ArrayList<>(generator.normal(120));
        Set<String> failed = new LinkedHashSet<>();
        for (int i = 0; i < 12; i++) {
            List<LogEvent> request = generator.unseenError();
            failed.add(request.get(0).ctx().get(RequestFlowLogs.KEY));
            events.addAll(request);
        }
        events.sort(Comparator.comparingLong(LogEvent::ts));
        Path logs = dir.resolve("shop.jsonl");
        Files.write(logs, events.stream().map(EventJson::toJson).toList(), StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("requestId,Label\n");
        events.stream().map(e -> e.ctx().get(RequestFlowLogs.KEY)).distinct()
            .forEach(id -> csv.append(id).append(failed.contains(id) ? ",Anomaly\n" : ",Normal\n"));
        Path labels = Files.writeString(dir.resolve("labels.csv"), csv);
        Path summary = dir.resolve("summary.tsv");

        int code = TrainerMain.run("benchmark", "--input", logs.toString(), "--labels", labels.toString(),
            "--session-field", RequestFlowLogs.KEY, "--preset", "tiny", "--epochs", "1", "--shuffle-seed", "3",
            "--protocol", "natural", "--work-dir", dir.resolve("work").toString(), "--summary", summary.toString(),
            "--name", "shop");

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("paper    model").contains("natural  model").contains("context-free")
            .contains("in-context").contains("unseen-exact").contains("unseen-masked").contains("threshold: ")
            .contains("shuffled(seed 3)");
        List<String> lines = text.lines().toList();
        assertThat(lines.get(lines.size() - 1))
            .matches("precision=\\S+ recall=\\S+ f1=\\S+ auroc=\\S+ sessions=\\d+ anomalous=\\d+");
        List<String> rows = Files.readAllLines(summary);
        assertThat(rows).hasSize(12).allSatisfy(row -> assertThat(row).startsWith("shop\tshuffled\t"));
    }
}
