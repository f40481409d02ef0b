package io.contralog.trainer.read;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reads every sample of the shared real-log folder (skipped where it is absent). */
class SharedDataReadTest {

    private Path data;

    @BeforeEach
    void findData() {
        String dir = System.getProperty("contralog.data.dir");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
            "shared log data not found (system property contralog.data.dir); skipping real-log reads");
        data = Path.of(dir);
    }

    @Test
    void readsBglToySetWithItsAlerts() throws IOException {
        Counts counts = count(data.resolve("bgl/toy_bgl.log"), "bgl");

        assertThat(counts.events).isEqualTo(5000);
        assertThat(counts.anomalous).isEqualTo(1388);
        assertThat(Formats.detect(data.resolve("bgl/toy_bgl.log"))).isEqualTo("bgl");
        assertThat(count(data.resolve("bgl/BGL_first5001.log.gz"), "auto").events).isEqualTo(5001);
    }

    @Test
    void readsThunderbirdSample() throws IOException {
        Counts counts = count(data.resolve("thunderbird/Thunderbird_2k.log"), "auto");

        assertThat(counts.events).isEqualTo(2000);
        assertThat(counts.anomalous).isZero();
    }

    @Test
    void readsHdfsTracesWithBlockLabels() throws IOException {
        ReadOptions options = ReadOptions.defaults().withLabels(data.resolve("hdfs/HDFS_5k_traces.anomaly_label.csv"));
        long[] blocks = new long[2];
        java.util.Set<String> anomalousBlocks = new java.util.HashSet<>();
        try (LogReader reader = LogReaders.open(List.of(data.resolve("hdfs/HDFS_5k_traces.log.gz")), "auto",
            options)) {
            reader.stream().forEach(e -> {
                blocks[0]++;
                if (e.isAnomalous()) {
                    anomalousBlocks.add(e.event().ctx().get(HdfsReader.BLOCK_FIELD));
                }
                assertThat(e.event().msg()).doesNotContain("blk_");
            });
        }

        assertThat(blocks[0]).isGreaterThanOrEqualTo(4519);
        assertThat(anomalousBlocks).hasSize(10);
    }

    @Test
    void readsMultiLogNodeFileWithItsPrefixLabels() throws IOException {
        Path node = data.resolve("multilog-iotdb/import_multi/label1.log.gz");
        Counts counts = count(node, "multilog");

        assertThat(counts.events).isEqualTo(10_000L);
        assertThat(counts.anomalous).isEqualTo(4_070L);
        assertThat(Formats.detect(node)).isEqualTo("multilog");
    }

    @Test
    void readsEveryJavaApplicationLogWithoutError() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(data.resolve("java-app-logs"))) {
            files = list.filter(f -> !f.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            Counts counts = count(file, "auto");
            assertThat(counts.events).as(file.toString()).isPositive();
            assertThat(counts.withFields).as(file + " events with a level or logger").isPositive();
        }
        assertThat(count(data.resolve("java-app-logs/zookeeper-log4j-2k.log"), "auto").events).isEqualTo(2000);
        Counts spring = count(data.resolve("java-app-logs/springboot-logback-stacktraces-utf8.log"), "auto");
        assertThat(spring.withError).isPositive();
        assertThat(spring.events).isLessThan(1511 - 300);
    }

    private static Counts count(Path input, String format) throws IOException {
        Counts counts = new Counts();
        try (LogReader reader = LogReaders.open(List.of(input), format, ReadOptions.defaults())) {
            reader.stream().forEach(e -> {
                counts.events++;
                counts.anomalous += e.isAnomalous() ? 1 : 0;
                counts.withFields += e.event().level().isEmpty() && e.event().logger().isEmpty() ? 0 : 1;
                counts.withError += e.event().error() == null ? 0 : 1;
            });
        }
        return counts;
    }

    /** What a read produced. */
    private static final class Counts {
        long events;
        long anomalous;
        long withFields;
        long withError;
    }
}
