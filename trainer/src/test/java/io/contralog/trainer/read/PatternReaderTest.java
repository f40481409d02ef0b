package io.contralog.trainer.read;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.contralog.trainer.read.ReadTesting.readAll;
import static io.contralog.trainer.read.ReadTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

class PatternReaderTest {

    @TempDir
    Path dir;

    @Test
    void joinsStackTraceToTheEventAboveAndParsesTheCauseChain() throws Exception {
        Path file = write(dir, "app.log",
            "2024-05-01 10:00:00.123 [main] INFO  com.acme.Orders - started",
            "2024-05-01 10:00:01.500 [http-1] ERROR com.acme.Orders - order failed",
            "java.lang.IllegalStateException: bad state",
            "\tat com.acme.Orders.place(Orders.java:42)",
            "\tat com.acme.Web.handle(Web.java:7)",
            "Caused by: java.io.IOException: disk full",
            "\tat com.acme.Store.write(Store.java:9)",
            "\t... 2 more",
            "2024-05-01 10:00:02.000 [main] WARN  com.acme.Orders - retrying");

        List<LabeledEvent> events = readAll(file, "pattern");

        assertThat(events).hasSize(3);
        LogEvent failed = events.get(1).event();
        assertThat(failed.level()).isEqualTo("ERROR");
        assertThat(failed.thread()).isEqualTo("http-1");
        assertThat(failed.logger()).isEqualTo("com.acme.Orders");
        assertThat(failed.msg()).isEqualTo("order failed");
        assertThat(failed.ts()).isEqualTo(nanos("2024-05-01T10:00:01.500Z"));
        ErrorInfo error = failed.error();
        assertThat(error.className()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.message()).isEqualTo("bad state");
        assertThat(error.frames()).containsExactly("com.acme.Orders.place(Orders.java:42)",
            "com.acme.Web.handle(Web.java:7)");
        assertThat(error.cause().className()).isEqualTo("java.io.IOException");
        assertThat(error.cause().message()).isEqualTo("disk full");
        assertThat(error.cause().frames()).hasSize(1);
        assertThat(events.get(2).event().level()).isEqualTo("WARN");
        assertThat(events).allSatisfy(e -> assertThat(e.anomalous()).isNull());
    }

    @Test
    void detectsSpringBootLayoutWithColoursAndCrlf() throws Exception {
        String ansi = "2026-08-07T00:57:43.202+05:00  \u001B[32mINFO\u001B[0m 1221 --- [app] [main] "
            + "l.server.Launcher                        : Starting Launcher\r\n"
            + "2026-08-07T00:57:44.000+05:00  WARN 1221 --- [app] [pool-1 thread] o.s.c.Config    : slow start\r\n";
        Path file = dir.resolve("spring.log");
        Files.writeString(file, ansi, StandardCharsets.UTF_8);

        List<LabeledEvent> events = readAll(file, "auto");

        assertThat(events).hasSize(2);
        assertThat(events.get(0).event().msg()).isEqualTo("Starting Launcher");
        assertThat(events.get(0).event().pid()).isEqualTo(1221);
        assertThat(events.get(0).event().logger()).isEqualTo("l.server.Launcher");
        assertThat(events.get(0).event().ts()).isEqualTo(nanos("2026-08-06T19:57:43.202Z"));
        assertThat(events.get(1).event().thread()).isEqualTo("pool-1 thread");
        assertThat(events.get(1).event().msg()).doesNotContain("\r");
    }

    @Test
    void readsAGivenPatternWithMdcAndCustomDate() throws Exception {
        Path file = write(dir, "custom.log",
            "01/05/2024 10:00:00 | INFO | req=abc-1 | com.acme.Api | hello world",
            "01/05/2024 10:00:05 | DEBUG | req=abc-2 | com.acme.Api | bye");
        ReadOptions options = ReadOptions.defaults()
            .withPattern("%d{dd/MM/yyyy HH:mm:ss} | %p | req=%X{requestId} | %c | %m%n");

        List<LabeledEvent> events = readAll(List.of(file), "pattern", options);

        assertThat(events).extracting(e -> e.event().ctx().get("requestId")).containsExactly("abc-1", "abc-2");
        assertThat(events.get(0).event().ts()).isEqualTo(nanos("2024-05-01T10:00:00Z"));
        assertThat(events.get(1).event().msg()).isEqualTo("bye");
    }

    @Test
    void keepsTextLinesAboveTheFirstEventAsEventsOfTheirOwn() throws Exception {
        Path file = write(dir, "catalina.out",
            "NOTE: Picked up JDK_JAVA_OPTIONS: --add-opens=java.base/java.lang=ALL-UNNAMED",
            "12-Mar-2019 17:34:11.410 INFO [main] org.apache.catalina.startup.VersionLoggerListener.log Server",
            "12-Mar-2019 17:34:12.000 SEVERE [main] org.apache.catalina.core.StandardContext.start Failed");

        List<LabeledEvent> events = readAll(file, "auto");

        assertThat(events).hasSize(3);
        assertThat(events.get(0).event().msg()).startsWith("NOTE: Picked up");
        assertThat(events.get(2).event().level()).isEqualTo("ERROR");
        assertThat(events.get(2).event().logger()).isEqualTo("org.apache.catalina.core.StandardContext.start");
    }

    @Test
    void keepsPlainTextContinuationInTheMessage() throws Exception {
        Path file = write(dir, "multi.log",
            "2024-05-01 10:00:00,123 [main] INFO  com.acme.Report:17 - totals:",
            "  apples 3",
            "  pears 4",
            "2024-05-01 10:00:01,000 [main] INFO  com.acme.Report:18 - done");

        List<LabeledEvent> events = readAll(file, "pattern");

        assertThat(events.get(0).event().msg()).isEqualTo("totals:\n  apples 3\n  pears 4");
        assertThat(events.get(0).event().error()).isNull();
        assertThat(events.get(0).event().logger()).isEqualTo("com.acme.Report");
    }

    @Test
    void readsMultiLogPrefixAsLabel() throws Exception {
        Path file = ReadTesting.writeGzip(dir.resolve("scenario"), "label1.log.gz",
            "- 2023-11-18 13:13:32,943 [main] INFO  o.a.i.c.c.ConfigNodeDescriptor:105 - Start to read config ",
            "2023-11-18 13:13:51,803 [pool-27] DEBUG o.a.t.s.TThreadPoolServer$WorkerProcess:251 - Error processing",
            "- 2023-11-18 13:13:52,000 [main] INFO  o.a.i.c.s.ConfigNode:99 - ready");

        List<LabeledEvent> events = readAll(file, "multilog");

        assertThat(events).extracting(LabeledEvent::anomalous).containsExactly(false, true, false);
        assertThat(events.get(1).event().logger()).isEqualTo("o.a.t.s.TThreadPoolServer$WorkerProcess");
        assertThat(events.get(0).event().msg()).isEqualTo("Start to read config");
        assertThat(events).allSatisfy(e -> assertThat(e.event().service()).isEqualTo("scenario/label1"));
    }

    @Test
    void detectsLog4j2DefaultTimeOfDayLayoutAndLog4jOneLayout() throws Exception {
        Path log4j2 = write(dir, "log4j2.log",
            "14:02:11.123 [main] INFO  com.acme.App - started in 2 s",
            "14:02:12.500 [worker-1] ERROR com.acme.Job - failed");
        Path log4j1 = write(dir, "zk.log",
            "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - done");

        List<LabeledEvent> events = readAll(log4j2, "auto");
        LogEvent zk = readAll(log4j1, "auto").get(0).event();

        assertThat(events.get(1).event().ts()).isEqualTo(nanos("1970-01-01T14:02:12.500Z"));
        assertThat(events.get(1).event().logger()).isEqualTo("com.acme.Job");
        assertThat(zk.thread()).isEqualTo("QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181");
        assertThat(zk.logger()).isEqualTo("FastLeaderElection");
        assertThat(zk.msg()).isEqualTo("done");
    }

    private static long nanos(String instant) {
        Instant t = Instant.parse(instant);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
