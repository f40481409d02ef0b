package io.contralog.trainer.cli;

import io.contralog.model.bundle.Bundle;
import io.contralog.model.bundle.Manifest;
import io.contralog.trainer.read.HdfsReader;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code train} on labelled formats: format session defaults, inline and CSV labels, anomalies left out. */
class TrainLabelledInputTest {

    private static final String BGL_FAULT = "data TLB error interrupt";
    private static final String HDFS_FAULT = "Exception writing block";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void captureStderr() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(savedErr);
    }

    @Test
    void leavesBglWindowsWithAnAnomalousLineOutOfTraining() throws Exception {
        Path log = Files.write(dir.resolve("bgl.log"), bglLines(60, 6), StandardCharsets.UTF_8);
        Path out = dir.resolve("bgl-bundle");

        int code = TrainerMain.run("train", "--input", log.toString(), "--format", "bgl", "--out", out.toString(),
            "--preset", "tiny", "--epochs", "1", "--quiet");

        assertThat(code).as(stderr()).isZero();
        assertThat(stderr()).contains("60 sequences, 10 anomalous left out of training, 50 to train on");
        try (Bundle bundle = Bundle.load(out)) {
            Manifest manifest = bundle.manifest();
            Map<String, Object> data = manifest.trainingData();
            assertThat(data).containsEntry("format", "bgl").containsEntry("labels", "inline");
            assertThat(((Number) data.get("inputSequences")).intValue()).isEqualTo(60);
            assertThat(((Number) data.get("anomalousSequencesDropped")).intValue()).isEqualTo(10);
            assertThat(parts(data)).isEqualTo(50);
            assertThat(manifest.session().window()).hasSeconds(60);
        }
        assertThat(Files.readString(out.resolve("reference.jsonl"))).doesNotContain(BGL_FAULT).contains("ciod");
    }

    @Test
    void takesHdfsBlockSessionsAndLeavesBlocksTheCsvCallsAnomalousOut() throws Exception {
        Path log = Files.write(dir.resolve("hdfs.log"), hdfsLines(48, 8), StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("BlockId,Label\n");
        for (int b = 0; b < 56; b++) {
            csv.append("blk_").append(b).append(b % 7 == 3 ? ",Anomaly\n" : ",Normal\n");
        }
        Path labels = Files.writeString(dir.resolve("anomaly_label.csv"), csv);
        Path out = dir.resolve("hdfs-bundle");

        int code = TrainerMain.run("train", "--input", log.toString(), "--format", "hdfs", "--labels",
            labels.toString(), "--out", out.toString(), "--preset", "tiny", "--epochs", "1", "--quiet");

        assertThat(code).as(stderr()).isZero();
        assertThat(stderr()).contains("56 sequences, 8 anomalous left out of training, 1 without a key left out,"
            + " 48 to train on");
        try (Bundle bundle = Bundle.load(out)) {
            Manifest manifest = bundle.manifest();
            assertThat(manifest.session().contextField()).isEqualTo(HdfsReader.BLOCK_FIELD);
            Map<String, Object> data = manifest.trainingData();
            assertThat(data).containsEntry("labels", labels.toString());
            assertThat(((Number) data.get("anomalousSequencesDropped")).intValue()).isEqualTo(8);
            assertThat(((Number) data.get("unkeyedSequencesDropped")).intValue()).isEqualTo(1);
            assertThat(parts(data)).isEqualTo(48);
        }
        assertThat(Files.readString(out.resolve("reference.jsonl"))).doesNotContain(HDFS_FAULT)
            .contains("Receiving block");
    }

    @Test
    void labelsThatNameNoSequenceAreAUsageErrorNamingTheFile() throws Exception {
        Path log = Files.write(dir.resolve("hdfs.log"), hdfsLines(48, 0), StandardCharsets.UTF_8);
        Path labels = Files.writeString(dir.resolve("other.csv"), "BlockId,Label\nblk_999,Anomaly\nblk_998,Normal\n");

        int code = TrainerMain.run("train", "--input", log.toString(), "--format", "hdfs", "--labels",
            labels.toString(), "--out", dir.resolve("b").toString(), "--preset", "tiny", "--quiet");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("None of the 2 keys in --labels " + labels)
            .contains("check that the labels belong to this log");
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void trainsOnOneRealIotdbNodeInDenseWindows() throws Exception {
        String data = System.getProperty("contralog.data.dir");
        Path node = data == null ? null : Path.of(data, "multilog-iotdb", "import_multi", "label1.log.gz");
        assumeTrue(node != null && Files.isRegularFile(node),
            "MultiLog IoTDB sample not found under system property contralog.data.dir; skipping real-log training");
        Path out = dir.resolve("iotdb-bundle");

        int code = TrainerMain.run("train", "--input", node.toString(), "--format", "multilog", "--out",
            out.toString(), "--preset", "tiny", "--epochs", "1", "--quiet");

        assertThat(code).as(stderr()).isZero();
        try (Bundle bundle = Bundle.load(out)) {
            Manifest manifest = bundle.manifest();
            assertThat(manifest.session().windowEvents()).isEqualTo(64);
            assertThat(manifest.session().contextField()).isNull();
            Map<String, Object> summary = manifest.trainingData();
            int dropped = ((Number) summary.get("anomalousSequencesDropped")).intValue();
            int total = ((Number) summary.get("inputSequences")).intValue();
            assertThat(dropped).isPositive().isLessThan(total);
            assertThat(parts(summary)).isEqualTo(total - dropped);
        }
    }

    @Test
    void anExplicitSessionOptionOverridesTheFormatDefault() throws Exception {
        Path log = Files.write(dir.resolve("bgl.log"), bglLines(8, 60), StandardCharsets.UTF_8);
        Path out = dir.resolve("events-bundle");

        int code = TrainerMain.run("train", "--input", log.toString(), "--format", "bgl", "--window-events", "10",
            "--out", out.toString(), "--preset", "tiny", "--epochs", "1", "--quiet");

        assertThat(code).as(stderr()).isZero();
        try (Bundle bundle = Bundle.load(out)) {
            assertThat(bundle.manifest().session().windowEvents()).isEqualTo(10);
            assertThat(bundle.manifest().session().window()).hasSeconds(60);
        }
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static int parts(Map<String, Object> data) {
        return ((Number) data.get("learnSequences")).intValue() + ((Number) data.get("stopSequences")).intValue()
            + ((Number) data.get("fitSequences")).intValue();
    }

    /** Windows two minutes apart, every sixth with one alert line; 60-second windows cut each apart. */
    private static List<String> bglLines(int windows, int linesPerWindow) {
        String[] normal = {"ciod: generated core files for program", "instruction cache parity error corrected",
            "generating core.%d", "ciod: Message code %d is not 3 or 4", "total of %d ddr error(s) detected"};
        List<String> lines = new ArrayList<>();
        long base = 1_117_838_400L;
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < linesPerWindow; i++) {
                boolean alert = w % 6 == 4 && i == 2;
                long epoch = base + w * 120L + i * 40L / linesPerWindow;
                String message = alert ? BGL_FAULT : String.format(Locale.ROOT, normal[(w + i) % normal.length], i);
                lines.add((alert ? "KERNDTLB " : "- ") + epoch + " 2005.06.03 R02-M1-N0 2005-06-03-15.42.50.363779"
                    + " R02-M1-N0 RAS KERNEL " + (alert ? "FATAL " : "INFO ") + message);
            }
        }
        return lines;
    }

    /** Blocks one after the other, every seventh one failing, and one line that names no block. */
    private static List<String> hdfsLines(int normal, int anomalous) {
        List<String> lines = new ArrayList<>();
        int blocks = normal + anomalous;
        for (int b = 0; b < blocks; b++) {
            String time = String.format(Locale.ROOT, "081109 20%02d%02d", b / 60, b % 60);
            String block = "blk_" + b;
            lines.add(time + " 143 INFO dfs.DataNode$DataXceiver: Receiving block " + block + " src: /10.0.0.1");
            lines.add(time + " 145 INFO dfs.FSNamesystem: BLOCK* NameSystem.allocateBlock: " + block);
            if (anomalous > 0 && b % 7 == 3) {
                lines.add(time + " 143 WARN dfs.DataNode: " + HDFS_FAULT + " " + block + " to mirror");
            } else {
                lines.add(time + " 143 INFO dfs.DataNode$PacketResponder: Received block " + block + " of size 91");
            }
        }
        lines.add("081109 210000 150 INFO dfs.DataNode: no block named here");
        return lines;
    }
}
