package io.contralog.benchmarks;

import io.contralog.log4j2.ContraLogAppender;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one Log4j2 log call (a parameterised message plus one ThreadContext entry) through the ContraLog
 * appender, Log4j2's RandomAccessFile appender with its defaults, and the Null appender.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true", "-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class Log4j2AppenderBenchmark {

    @Param({"contralog", "file", "noop"})
    public String appender;

    private Path dir;
    private LoggerContext ctx;
    private Logger logger;

    @Setup(Level.Trial)
    public void start() throws URISyntaxException {
        dir = BenchFolder.create();
        ctx = new LoggerContext("bench-" + appender, null,
            Log4j2AppenderBenchmark.class.getResource("/bench-log4j2-" + appender + ".xml").toURI());
        ctx.start();
        logger = ctx.getLogger("io.contralog.bench.Orders");
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (ctx.getConfiguration().getAppender("out") instanceof ContraLogAppender contraLog) {
            System.out.println("ContraLog appender: " + contraLog.getStats());
        }
        ctx.stop();
        BenchFolder.delete(dir);
    }

    /** One thread's request number and ThreadContext. */
    @State(Scope.Thread)
    public static class Caller {
        long request;

        @Setup(Level.Trial)
        public void context() {
            ThreadContext.put("requestId", "req-" + Thread.currentThread().getId());
        }
    }

    @Benchmark
    @Threads(1)
    public void oneThread(Caller caller) {
        logger.info("order {} handled in {} ms", caller.request++, 42);
    }

    @Benchmark
    @Threads(4)
    public void fourThreads(Caller caller) {
        logger.info("order {} handled in {} ms", caller.request++, 42);
    }
}
