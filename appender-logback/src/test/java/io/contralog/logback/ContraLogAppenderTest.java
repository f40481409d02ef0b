package io.contralog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.WriteErrorInjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ContraLogAppenderTest {

    @TempDir
    Path tmp;

    private final LogbackHarness harness = new LogbackHarness();

    @AfterEach
    void stop() {
        WriteErrorInjection.disarm();
        MDC.clear();
        harness.close();
    }

    @Test
    void writesEventsWithMdcAndErrorsFromLogbackXml() {
        Path dir = tmp.resolve("queue");
        harness.start(dir, Map.of());
        Logger logger = harness.logger("com.example.Orders");
        MDC.put("requestId", "r-42");
        logger.info("order {} placed", 7);
        logger.error("order failed", new IllegalStateException("no stock", new RuntimeException("db")));
        harness.stop();

        List<LogEvent> events = LogbackHarness.readAll(dir);
        assertThat(events).hasSize(2);
        LogEvent first = events.get(0);
        assertThat(first.msg()).isEqualTo("order 7 placed");
        assertThat(first.level()).isEqualTo("INFO");
        assertThat(first.logger()).isEqualTo("com.example.Orders");
        assertThat(first.thread()).isEqualTo(Thread.currentThread().getName());
        assertThat(first.ctx()).containsEntry("requestId", "r-42");
        assertThat(first.service()).isEqualTo("orders");
        assertThat(first.ts()).isPositive();
        LogEvent second = events.get(1);
        assertThat(second.error().className()).isEqualTo("java.lang.IllegalStateException");
        assertThat(second.error().frames()).isNotEmpty();
        assertThat(second.error().cause().message()).isEqualTo("db");
    }

    @Test
    void skipsChronicleQueuesOwnLogLinesAndCountsThem() {
        Path dir = tmp.resolve("queue");
        harness.start(dir, Map.of());
        harness.logger("net.openhft.chronicle.queue.impl.single.SingleChronicleQueue").info("Took 9 us to grow file");
        harness.logger("com.example.Orders").info("order placed");
        long skipped = harness.appender().getStats().skippedQueueLogs();
        harness.stop();

        assertThat(LogbackHarness.readAll(dir)).extracting(LogEvent::msg).containsExactly("order placed");
        assertThat(skipped).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAsyncAppenderInFrontKeepsTheCallingThreadsMdc() {
        Path dir = tmp.resolve("queue");
        harness.start("/contralog-logback-async.xml", dir, Map.of());
        Logger logger = harness.logger("async");
        for (int i = 0; i < 100; i++) {
            MDC.put("i", Integer.toString(i));
            logger.info("async {}", i);
        }
        MDC.clear();
        harness.stop();
        List<LogEvent> events = LogbackHarness.readAll(dir);
        assertThat(events).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(events.get(i).ctx()).containsEntry("i", Integer.toString(i));
            assertThat(events.get(i).thread()).isEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void eightThreadsOfAHundredThousandEventsArriveWithoutLossOrReordering() throws InterruptedException {
        Path dir = tmp.resolve("queue");
        harness.start(dir, Map.of());
        Logger logger = harness.logger("load");
        int perThread = 100_000;
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    logger.info("{}", i);
                }
            }, "load-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(harness.appender().getStats().dropped()).isZero();
        harness.stop();
        Map<String, Integer> next = new HashMap<>();
        for (LogEvent e : LogbackHarness.readAll(dir)) {
            int expected = next.getOrDefault(e.thread(), 0);
            assertThat(e.msg()).isEqualTo(Integer.toString(expected));
            next.put(e.thread(), expected + 1);
        }
        assertThat(next).hasSize(8).allSatisfy((thread, count) -> assertThat(count).isEqualTo(perThread));
    }

    @Test
    void writesNullHugeAndInvalidUtf16MessagesSafelyAndReportsEachKindOnce() {
        Path dir = tmp.resolve("queue");
        harness.start(dir, Map.of());
        Logger logger = harness.logger("odd");
        String huge = "x".repeat(10 * 1024 * 1024);
        logger.info((String) null);
        logger.info(huge);
        logger.info(huge);
        logger.info("broken \uD800 text");
        logger.info("broken \uDC00 again");
        harness.stop();
        List<LogEvent> events = LogbackHarness.readAll(dir);
        assertThat(events).hasSize(5);
        assertThat(events.get(0).msg()).isEmpty();
        assertThat(events.get(1).msg()).hasSize(16_384);
        assertThat(events.get(1).truncated()).isTrue();
        assertThat(events.get(3).msg()).isEqualTo("broken \uFFFD text");
        assertThat(harness.statusCount("longer than its limits")).isEqualTo(1);
        assertThat(harness.statusCount("unpaired UTF-16")).isEqualTo(1);
    }

    /** Logback formats lazily, so an argument whose toString() logs used to do so from inside the write. */
    @Test
    void writesAnEventLoggedWhileAnArgumentIsFormatted() {
        Path dir = tmp.resolve("queue");
        harness.start(dir, Map.of());
        Logger logger = harness.logger("lazy");
        Object entity = new Object() {
            @Override
            public String toString() {
                logger.info("loading entity");
                return "entity-7";
            }
        };
        logger.info("saved {}", entity);
        harness.stop();

        assertThat(LogbackHarness.readAll(dir)).extracting(LogEvent::msg)
            .containsExactly("loading entity", "saved entity-7");
    }

    @Test
    void configurationErrorsNameTheSettingAndLeaveTheApplicationRunning() {
        Path dir = tmp.resolve("queue");
        harness.start(dir, Map.of("contralog.maxQueueSize", "-5MiB"));
        assertThat(harness.statusCount("ContraLog appender 'queue': maxQueueSize: '-5MiB' is not a size")).isOne();
        harness.logger("app").info("still running");

        harness.start(dir, Map.of("contralog.maxQueueSize", "1GiB", "contralog.rollCycle", "sometimes"));
        assertThat(harness.statusCount("rollCycle: 'sometimes' is not a roll cycle")).isOne();

        harness.start(dir, Map.of("contralog.rollCycle", "HOURLY", "contralog.maxStackFrames", "-1"));
        assertThat(harness.statusCount("maxStackFrames: -1 is too small")).isOne();
    }

    @Test
    void aQueueDirThatIsAFileIsAConfigurationError() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        harness.start(file, Map.of());
        assertThat(harness.statusCount("queueDir: " + file + " is a file, not a folder")).isOne();
        harness.logger("app").info("still running");
    }

    @Test
    void anUnusableFolderIsReportedOnceAndEveryEventCounted() throws Exception {
        Path dir = Files.writeString(tmp.resolve("file"), "x").resolve("queue");
        harness.start(dir, Map.of());
        for (int i = 0; i < 100; i++) {
            harness.logger("app").info("lost {}", i);
        }
        assertThat(harness.appender().getStats().droppedUnavailable()).isEqualTo(100);
        assertThat(harness.statusCount("cannot open queue folder " + dir)).isOne();
    }

    @Test
    void aFolderDeletedWhileRunningIsRecreated() throws Exception {
        Path dir = tmp.resolve("queue");
        harness.start(dir, Map.of());
        Logger logger = harness.logger("app");
        ContraLogAppender appender = harness.appender();
        logger.info("before");
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        awaitTrue(() -> harness.statusCount("was deleted while in use") == 1 && Files.isDirectory(dir)
            && appender.getStats().written() == 1);
        awaitTrue(() -> {
            logger.info("after");
            return appender.getStats().written() > 1;
        });
        harness.stop();
        assertThat(LogbackHarness.readAll(dir)).extracting(LogEvent::msg).contains("after").doesNotContain("before");
    }

    @Test
    void theSizeCapDropsCountsAndReportsOnce() {
        Path dir = tmp.resolve("queue");
        harness.start(dir, Map.of("contralog.maxQueueSize", "1MiB"));
        Logger logger = harness.logger("app");
        ContraLogAppender appender = harness.appender();
        for (int i = 0; i < 200_000 && appender.getStats().droppedSizeCap() < 100; i++) {
            logger.info("filling the queue with event number {} and some padding ....................", i);
        }
        assertThat(appender.getStats().droppedSizeCap()).isEqualTo(100);
        assertThat(harness.statusCount("reached maxQueueSize 1MiB")).isOne();
        harness.stop();
        assertThat(LogbackHarness.readAll(dir)).hasSize((int) appender.getStats().written());
    }

    @Test
    void aFailingWriteIsReportedOnceCountedAndRecoveredFrom() {
        Path dir = tmp.resolve("queue");
        harness.start(dir, Map.of());
        Logger logger = harness.logger("app");
        ContraLogAppender appender = harness.appender();
        logger.info("first");
        WriteErrorInjection.failWritesIn(dir);
        for (int i = 0; i < 100; i++) {
            logger.info("lost {}", i);
        }
        WriteErrorInjection.disarm();
        assertThat(appender.getStats().dropped()).isEqualTo(100);
        assertThat(harness.statusCount("No space left on device")).isOne();
        awaitTrue(() -> {
            logger.info("recovered");
            return appender.getStats().written() > 1;
        });
        harness.stop();
        assertThat(LogbackHarness.readAll(dir)).extracting(LogEvent::msg).startsWith("first", "recovered");
    }

    @Test
    void shutdownIsBoundedAndLateEventsAreCounted() {
        Path dir = tmp.resolve("queue");
        harness.start(dir, Map.of());
        for (int i = 0; i < 1000; i++) {
            harness.logger("app").info("event {}", i);
        }
        ContraLogAppender appender = harness.appender();
        long start = System.nanoTime();
        harness.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        LoggingEvent late = new LoggingEvent();
        late.setLevel(Level.INFO);
        late.setMessage("late");
        appender.doAppend(late);
        assertThat(appender.getStats().droppedClosed()).isOne();
        assertThat(LogbackHarness.readAll(dir)).hasSize(1000);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20s").isLessThan(deadline);
            LockSupport.parkNanos(5_000_000L);
        }
    }
}
