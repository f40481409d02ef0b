package io.contralog.trainer.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.contralog.trainer.read.ReadTesting.readAll;
import static io.contralog.trainer.read.ReadTesting.write;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("nope.log");

        assertThatThrownBy(() -> readAll(missing, "raw"))
            .isInstanceOf(LogReadException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void namesAnUnknownFormatAndTheAcceptedOnes() throws Exception {
        Path file = write(dir, "a.log", "x");

        assertThatThrownBy(() -> readAll(file, "syslog"))
            .isInstanceOf(LogReadException.class).hasMessageContaining("--format 'syslog'")
            .hasMessageContaining("multilog");
    }

    @Test
    void namesTheFileWhenNoLineMatchesTheLayout() throws Exception {
        Path file = write(dir, "plain.log", "hello", "world");

        assertThatThrownBy(() -> readAll(List.of(file), "pattern",
            ReadOptions.defaults().withPattern("%d [%t] %p %c - %m%n")))
            .isInstanceOf(LogReadException.class).hasMessageContaining(file.toString())
            .hasMessageContaining("--pattern");
        assertThatThrownBy(() -> readAll(file, "pattern"))
            .isInstanceOf(LogReadException.class).hasMessageContaining(file.toString());
    }

    @Test
    void namesAnUnknownConversionInThePattern() throws Exception {
        Path file = write(dir, "a.log", "x");

        assertThatThrownBy(() -> readAll(List.of(file), "pattern", ReadOptions.defaults().withPattern("%d %zz %m")))
            .isInstanceOf(LogReadException.class).hasMessageContaining("%zz");
    }

    @Test
    void namesALabelsFileWithTheWrongHeader() throws Exception {
        Path log = write(dir, "hdfs.log", "081109 203518 143 INFO dfs.DataNode: block blk_1");
        Path labels = write(dir, "labels.csv", "block;label", "blk_1;Normal");

        assertThatThrownBy(() -> readAll(List.of(log), "hdfs", ReadOptions.defaults().withLabels(labels)))
            .isInstanceOf(LogReadException.class).hasMessageContaining(labels.toString())
            .hasMessageContaining("header");
    }

    @Test
    void namesABadLabelValueWithItsLine() throws Exception {
        Path log = write(dir, "hdfs.log", "081109 203518 143 INFO dfs.DataNode: block blk_1");
        Path labels = write(dir, "labels.csv", "BlockId,Label", "blk_1,Normal", "blk_2,maybe");

        assertThatThrownBy(() -> readAll(List.of(log), "hdfs", ReadOptions.defaults().withLabels(labels)))
            .isInstanceOf(LogReadException.class).hasMessageContaining("line 3").hasMessageContaining("maybe");
    }

    @Test
    void namesALabelsFileThatNamesNoSession() throws Exception {
        Path labels = write(dir, "labels.csv", "BlockId,Label", "blk_9,Anomaly");
        LabelFile file = LabelFile.load(labels);
        file.labelOf("blk_1");

        assertThatThrownBy(() -> file.requireSomeMatched("hdfs.log"))
            .isInstanceOf(LogReadException.class).hasMessageContaining(labels.toString())
            .hasMessageContaining("hdfs.log");
    }

    @Test
    void rejectsAFileForTheQueueFormat() throws Exception {
        Path file = write(dir, "a.log", "x");

        assertThatThrownBy(() -> readAll(file, "queue"))
            .isInstanceOf(LogReadException.class).hasMessageContaining(file.toString());
    }
}
