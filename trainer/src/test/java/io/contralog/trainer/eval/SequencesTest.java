package io.contralog.trainer.eval;

import io.contralog.model.session.SessionSpec;
import io.contralog.trainer.read.LabelFile;
import io.contralog.trainer.read.LogReader;
import io.contralog.trainer.read.LogReaders;
import io.contralog.trainer.read.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequencesTest {

    @TempDir
    Path dir;

    @Test
    void buildsHdfsBlockSessionsLabelledFromTheCsv() throws Exception {
        Path log = Files.writeString(dir.resolve("hdfs.log"), String.join("\n",
            "081109 203518 143 INFO dfs.DataNode: Receiving block blk_1 src: /10.0.0.1",
            "081109 203518 143 INFO dfs.DataNode: Receiving block blk_2 src: /10.0.0.2",
            "081109 203519 143 INFO dfs.DataNode: Received block blk_1 of size 3",
            "081109 203520 143 WARN dfs.DataNode: Exception writing block blk_2",
            "081109 203521 143 INFO dfs.DataNode: no block named here"));
        Path csv = Files.writeString(dir.resolve("labels.csv"), "BlockId,Label\nblk_1,Normal\nblk_2,Anomaly\n");
        LabelFile labels = LabelFile.load(csv);

        SequenceSet set;
        try (LogReader reader = LogReaders.open(List.of(log), "hdfs", ReadOptions.defaults())) {
            set = Sequences.build(reader, Sequences.defaultSpec("hdfs"), labels);
        }

        assertThat(set.sequences()).hasSize(2);
        assertThat(set.sequences()).extracting(s -> s.sequence().key()).containsExactlyInAnyOrder("blk_1", "blk_2");
        assertThat(set.sequences()).filteredOn(LabeledSequence::anomalous).singleElement()
            .satisfies(s -> assertThat(s.sequence().key()).isEqualTo("blk_2"));
        assertThat(set.labelled()).isTrue();
        assertThat(set.unkeyed()).isEqualTo(1);
        assertThat(labels.matched()).isEqualTo(2);
    }

    @Test
    void marksAWindowAnomalousWhenAnyLineIs() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String label = i == 4 ? "KERNDTLB" : "-";
            long epoch = 1_117_838_570L + i * 40L;
            lines.add(label + " " + epoch + " 2005.06.03 R02 2005-06-03-15.42.50.363779 R02 RAS KERNEL INFO msg " + i);
        }
        Path log = Files.writeString(dir.resolve("bgl.log"), String.join("\n", lines));

        SequenceSet set;
        try (LogReader reader = LogReaders.open(List.of(log), "bgl", ReadOptions.defaults())) {
            set = Sequences.build(reader, Sequences.defaultSpec("bgl"), null);
        }

        assertThat(set.sequences()).hasSize(3);
        assertThat(set.sequences()).extracting(LabeledSequence::anomalous).containsExactly(false, false, true);
    }

    @Test
    void refusesASessionFieldThatNoEventCarriesNamingTheFieldsTheyDo() throws Exception {
        Path log = Files.writeString(dir.resolve("hdfs.log"), String.join("\n",
            "081109 203518 143 INFO dfs.DataNode: Receiving block blk_1 src: /10.0.0.1",
            "081109 203519 143 INFO dfs.DataNode: Received block blk_1 of size 3"));
        SessionSpec misspelt = new SessionSpec(null, "Block", Duration.ZERO, 0, SessionSpec.DEFAULT_MAX_LENGTH,
            Duration.ofSeconds(30));

        try (LogReader reader = LogReaders.open(List.of(log), "hdfs", ReadOptions.defaults())) {
            assertThatThrownBy(() -> Sequences.build(reader, misspelt, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Block'").hasMessageContaining("none of the 2 events")
                .hasMessageContaining("[block]").hasMessageContaining("--session-field");
        }
    }
}
