package io.contralog.trainer.cli;

import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueWriter;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.text.CanonicalText;
import io.contralog.trainer.testing.RequestFlowLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

    @TempDir
    Path tmp;

    @Test
    void trainsOnAQueueWrittenByTheAppendersWriterIntoALoadableBundle() throws Exception {
        Path queue = tmp.resolve("queue");
        try (EventQueueWriter writer = EventQueueWriter.open(queue)) {
            for (LogEvent event : new RequestFlowLogs(21).normal(300)) {
                assertThat(writer.write(event)).isTrue();
            }
            assertThat(writer.close(Duration.ofSeconds(10))).isTrue();
        }
        Path out = tmp.resolve("bundle");

        int code = TrainerMain.run("train", "--input", queue.toString(), "--format", "queue", "--out", out.toString(),
            "--preset", "tiny", "--session-field", RequestFlowLogs.KEY, "--epochs", "1", "--quiet");

        assertThat(code).isZero();
        try (Bundle bundle = Bundle.load(out)) {
            assertThat(bundle.manifest().session().contextField()).isEqualTo(RequestFlowLogs.KEY);
            assertThat(bundle.manifest().threshold()).isNotNull();
        }
    }

    /** 120 generated requests written as plain lines of canonical text. */
    private Path rawLog(int seed) throws IOException {
        Path log = tmp.resolve("app.log");
        List<String> lines = new RequestFlowLogs(seed).normal(120).stream().map(CanonicalText::of).toList();
        return Files.write(log, lines, StandardCharsets.UTF_8);
    }

    @Test
    void trainsOnRawLinesCutIntoEventWindows() throws Exception {
        Path log = rawLog(4);
        Path out = tmp.resolve("raw-bundle");

        int code = TrainerMain.run("train", "--input", log.toString(), "--format", "raw", "--out", out.toString(),
            "--preset", "tiny", "--window-events", "8", "--epochs", "1", "--quiet");

        assertThat(code).isZero();
        try (Bundle bundle = Bundle.load(out)) {
            assertThat(bundle.manifest().session().windowEvents()).isEqualTo(8);
        }
    }

    @Test
    void fitShareHoldsOutThatShareOfSequencesForFusionAndThreshold() throws Exception {
        Path log = rawLog(9);
        Path out = tmp.resolve("fit-bundle");

        int code = TrainerMain.run("train", "--input", log.toString(), "--format", "raw", "--out", out.toString(),
            "--preset", "tiny", "--window-events", "4", "--fit-share", "0.2", "--epochs", "1", "--quiet");

        assertThat(code).isZero();
        try (Bundle bundle = Bundle.load(out)) {
            Map<String, Object> data = bundle.manifest().trainingData();
            int learn = ((Number) data.get("learnSequences")).intValue();
            int stop = ((Number) data.get("stopSequences")).intValue();
            int fit = ((Number) data.get("fitSequences")).intValue();
            int total = learn + stop + fit;
            assertThat(total).isGreaterThan(100);
            double learnShare = 1 - 0.05 - 0.2;
            long stopEnd = Math.round(total * (learnShare + 0.05));
            assertThat(fit).isEqualTo(total - stopEnd);
            assertThat(stop).isEqualTo(stopEnd - Math.round(total * learnShare));
            assertThat(bundle.manifest().threshold().fitCount()).isEqualTo(fit);
        }
    }

    @Test
    void fitShareAboveHalfIsAUsageErrorNamingTheOption() throws Exception {
        Path log = tmp.resolve("app.log");
        Files.write(log, List.of("INFO Main: started"), StandardCharsets.UTF_8);
        String err = stderrOf(() -> assertThat(TrainerMain.run("train", "--input", log.toString(), "--format", "raw",
            "--out", tmp.resolve("b").toString(), "--fit-share", "0.8", "--quiet")).isEqualTo(2));
        assertThat(err).contains("--fit-share").contains("at most 0.5");
    }

    @Test
    void unknownPresetIsAUsageErrorNamingTheChoices() throws Exception {
        String err = stderrOf(() -> assertThat(TrainerMain.run("train", "--input", tmp.toString(), "--out",
            tmp.resolve("b").toString(), "--preset", "huge")).isEqualTo(2));
        assertThat(err).contains("unknown preset 'huge'").contains("tiny, small or paper");
    }

    @Test
    void unreadableInputIsAUsageErrorNamingTheFile() throws Exception {
        Path missing = tmp.resolve("missing.log");
        String err = stderrOf(() -> assertThat(TrainerMain.run("train", "--input", missing.toString(), "--format",
            "raw", "--out", tmp.resolve("b").toString())).isEqualTo(2));
        assertThat(err).contains(missing.toString());
    }

    @Test
    void tooLittleDataIsAUsageErrorNamingTheMinimum() throws Exception {
        Path log = tmp.resolve("short.log");
        Files.write(log, List.of("INFO Main: started", "INFO Main: ready"), StandardCharsets.UTF_8);
        String err = stderrOf(() -> assertThat(TrainerMain.run("train", "--input", log.toString(), "--format", "raw",
            "--out", tmp.resolve("b").toString(), "--preset", "tiny", "--quiet")).isEqualTo(2));
        assertThat(err).contains("at least 40 sequences");
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
