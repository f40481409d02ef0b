package io.contralog.trainer.read;

import io.contralog.core.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.contralog.trainer.read.ReadTesting.readAll;
import static io.contralog.trainer.read.ReadTesting.write;
import static io.contralog.trainer.read.ReadTesting.writeGzip;
import static org.assertj.core.api.Assertions.assertThat;

class LineReadersTest {

    @TempDir
    Path dir;

    @Test
    void readsGzipByMagicBytesWhateverTheName() throws Exception {
        Path file = writeGzip(dir, "plain-name.txt", "first line", "", "second line");

        List<LabeledEvent> events = readAll(file, "raw");

        assertThat(events).extracting(e -> e.event().msg()).containsExactly("first line", "second line");
        assertThat(events.get(1).event().ts()).isGreaterThan(events.get(0).event().ts());
    }

    @Test
    void replacesInvalidUtf8InsteadOfFailing() throws Exception {
        Path file = dir.resolve("broken.log");
        Files.write(file, new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'x', '\n', 'n', 'e', 'x', 't'});

        List<LabeledEvent> events = readAll(file, "raw");

        assertThat(events).hasSize(2);
        assertThat(events.get(0).event().msg()).startsWith("ok ").contains("\uFFFD").endsWith("x");
        assertThat(events.get(1).event().msg()).isEqualTo("next");
    }

    @Test
    void takesALeadingTimestampOutOfRawLines() throws Exception {
        Path file = write(dir, "raw.log", "2024-05-01T10:00:00Z something happened", "no time here");

        List<LabeledEvent> events = readAll(file, "raw");

        assertThat(events.get(0).event().msg()).isEqualTo("something happened");
        assertThat(events.get(0).event().ts()).isEqualTo(1_714_557_600_000_000_000L);
        assertThat(events.get(1).event().ts()).isEqualTo(1_714_557_600_001_000_000L);
    }

    @Test
    void readsBglLabelsAndKeepsOnlyTheContent() throws Exception {
        Path file = write(dir, "bgl.log",
            "- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.363779 R02-M1-N0-C:J12-U11 RAS KERNEL "
                + "INFO instruction cache parity error corrected",
            "KERNDTLB 1118536327 2005.06.11 R30-M0-N9-C:J16-U01 2005-06-11-17.32.07.581048 R30-M0-N9-C:J16-U01 RAS "
                + "KERNEL FATAL data TLB error interrupt");

        List<LabeledEvent> events = readAll(file, "auto");

        assertThat(events).extracting(LabeledEvent::anomalous).containsExactly(false, true);
        LogEvent alert = events.get(1).event();
        assertThat(alert.msg()).isEqualTo("data TLB error interrupt");
        assertThat(alert.level()).isEqualTo("FATAL");
        assertThat(alert.logger()).isEqualTo("KERNEL");
        assertThat(alert.host()).isEqualTo("R30-M0-N9-C:J16-U01");
        assertThat(alert.ts()).isEqualTo(1_118_536_327_581_048_000L);
    }

    @Test
    void readsThunderbirdLabelsAndProcess() throws Exception {
        Path file = write(dir, "tb.log",
            "- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for root",
            "VAPI 1131566462 2005.11.09 tbird-admin1 Nov  9 12:01:02 local@tbird-admin1 kernel: NMI received");

        List<LabeledEvent> events = readAll(file, "auto");

        assertThat(events).extracting(LabeledEvent::anomalous).containsExactly(false, true);
        assertThat(events.get(0).event().logger()).isEqualTo("crond(pam_unix)");
        assertThat(events.get(0).event().pid()).isEqualTo(2915);
        assertThat(events.get(0).event().msg()).isEqualTo("session closed for root");
        assertThat(events.get(1).event().msg()).isEqualTo("NMI received");
    }

    @Test
    void readsHdfsBlocksAsContextAndLabelsFromCsv() throws Exception {
        Path log = writeGzip(dir, "hdfs.log.gz",
            "081109 203518 143 INFO dfs.DataNode$DataXceiver: Receiving block blk_-160 src: /10.0.0.1:54106",
            "081109 203519 35 INFO dfs.FSNamesystem: BLOCK* ask to replicate blk_7 and blk_-160",
            "081109 203520 35 WARN dfs.FSNamesystem: no block mentioned");
        Path labels = write(dir, "labels.csv", "BlockId,Label", "blk_-160,Normal", "blk_7,Anomaly");

        List<LabeledEvent> events = readAll(List.of(log), "hdfs", ReadOptions.defaults().withLabels(labels));

        assertThat(events).hasSize(4);
        assertThat(events.get(0).event().msg()).isEqualTo("Receiving block BLOCK src: /10.0.0.1:54106");
        assertThat(events.get(0).event().logger()).isEqualTo("dfs.DataNode$DataXceiver");
        assertThat(events.get(1).event().ctx()).containsEntry(HdfsReader.BLOCK_FIELD, "blk_7");
        assertThat(events.get(1).anomalous()).isTrue();
        assertThat(events.get(2).event().ctx()).containsEntry(HdfsReader.BLOCK_FIELD, "blk_-160");
        assertThat(events.get(2).anomalous()).isFalse();
        assertThat(events.get(2).event().msg()).isEqualTo("BLOCK* ask to replicate BLOCK and BLOCK");
        assertThat(events.get(3).event().ctx()).isEmpty();
        assertThat(events.get(3).event().level()).isEqualTo("WARN");
    }

    @Test
    void readsSeveralFilesAndFoldersInOrder() throws Exception {
        write(dir.resolve("logs"), "b.log", "second");
        write(dir.resolve("logs"), "a.log", "first");
        write(dir.resolve("logs"), "README.md", "not a log");
        Path single = write(dir, "c.log", "third");

        List<LabeledEvent> events = readAll(List.of(dir.resolve("logs"), single), "raw", ReadOptions.defaults());

        assertThat(events).extracting(e -> e.event().msg()).containsExactly("first", "second", "third");
        assertThat(events).extracting(e -> e.event().service()).containsExactly("a", "b", "c");
    }
}
