package io.contralog.samples.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsMultiLogLabelsFromAGzipFile() throws IOException {
        Path file = gzip("label1.log.gz",
            "- 2023-11-18 08:46:14,674 [main] INFO  o.a.i.c.c.ConfigNodeDescriptor:105 - Start to read config file ",
            "2023-11-18 08:46:34,964 [pool-14-IoTDB-Processor-18] DEBUG o.a.r.s.i.RaftServerImpl:846 - "
                + "receive request");

        List<LogLine> lines = readAll(file);

        assertThat(lines).hasSize(2);
        LogLine first = lines.get(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2023-11-18T08:46:14.674Z"));
        assertThat(first.thread()).isEqualTo("main");
        assertThat(first.level()).isEqualTo("INFO");
        assertThat(first.logger()).isEqualTo("o.a.i.c.c.ConfigNodeDescriptor");
        assertThat(first.message()).isEqualTo("Start to read config file");
        assertThat(first.normal()).isTrue();
        assertThat(lines.get(1).normal()).isFalse();
        assertThat(lines.get(1).thread()).isEqualTo("pool-14-IoTDB-Processor-18");
    }

    @Test
    void keepsStackTracesWithTheirEvent() throws IOException {
        Path file = plain("app.log",
            "2024-03-01 10:00:00.125 [http-1] ERROR com.example.Payments - Charging failed",
            "com.example.PaymentException: gateway unavailable",
            "\tat com.example.Payments.charge(Payments.java:42)",
            "\tat java.base/java.lang.Thread.run(Thread.java:840)",
            "Caused by: java.net.SocketTimeoutException: Read timed out",
            "\tat java.base/java.net.Socket.read(Native Method)",
            "\t... 1 more",
            "2024-03-01 10:00:01.000 [http-2] INFO  com.example.Orders - next");

        List<LogLine> lines = readAll(file);

        assertThat(lines).extracting(LogLine::message).containsExactly("Charging failed", "next");
        ParsedError error = ParsedError.parse(lines.get(0).errorLines());
        assertThat(error.className()).isEqualTo("com.example.PaymentException");
        assertThat(error.message()).isEqualTo("gateway unavailable");
        assertThat(error.frames()).extracting(StackTraceElement::getMethodName).containsExactly("charge", "run");
        assertThat(error.frames().get(0).getLineNumber()).isEqualTo(42);
        assertThat(error.cause().className()).isEqualTo("java.net.SocketTimeoutException");
        assertThat(error.cause().frames().get(0).isNativeMethod()).isTrue();
        assertThat(error.cause().commonFrames()).isEqualTo(1);
    }

    @Test
    void readsLog4jZooKeeperAndSpringBootLayouts() throws IOException {
        Path file = plain("mixed.log",
            "preamble without a timestamp",
            "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774]"
                + " - Notification time out: 3200",
            "2024-01-02 03:04:05,006 WARN  [worker-3] org.example.Cache - eviction storm",
            "2024-01-02T03:04:06.007+05:00  INFO 4242 --- [lavalink] [           main] l.server.Launcher  "
                + "            : Starting Launcher",
            "   continued on a second line",
            "2025-01-24T07:00:30,227 INFO [main                     ] FarmApplication          : Starting app",
            "12-Mar-2019 17:34:11.410 INFO [main] org.apache.catalina.startup.VersionLoggerListener.log Server "
                + "version: Apache Tomcat/9.0.12");

        List<LogLine> lines = readAll(file);

        assertThat(lines).extracting(LogLine::logger)
            .containsExactly("FastLeaderElection", "org.example.Cache", "l.server.Launcher", "FarmApplication",
                "org.apache.catalina.startup.VersionLoggerListener");
        assertThat(lines.get(0).thread()).isEqualTo("QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181");
        assertThat(lines.get(1).level()).isEqualTo("WARN");
        assertThat(lines.get(2).thread()).isEqualTo("main");
        assertThat(lines.get(2).message()).isEqualTo("Starting Launcher\n   continued on a second line");
        assertThat(lines.get(3).thread()).isEqualTo("main");
        assertThat(lines.get(4).timestamp()).isEqualTo(Instant.parse("2019-03-12T17:34:11.410Z"));
        assertThat(lines.get(4).message()).isEqualTo("Server version: Apache Tomcat/9.0.12");
        assertThat(lines).allSatisfy(l -> assertThat(l.normal()).isNull());
    }

    private List<LogLine> readAll(Path file) throws IOException {
        List<LogLine> lines = new ArrayList<>();
        try (LogFileReader reader = new LogFileReader(file, new HeaderParser(ZoneOffset.UTC))) {
            for (LogLine l = reader.next(); l != null; l = reader.next()) {
                lines.add(l);
            }
        }
        return lines;
    }

    private Path plain(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }

    private Path gzip(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
