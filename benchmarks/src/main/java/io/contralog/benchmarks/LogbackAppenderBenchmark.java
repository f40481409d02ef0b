package io.contralog.benchmarks;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.contralog.logback.ContraLogAppender;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one Logback log call (a parameterised message plus one MDC entry) through the ContraLog appender,
 * Logback's FileAppender with its defaults, and the NOPAppender.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true", "-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class LogbackAppenderBenchmark {

    @Param({"contralog", "file", "noop"})
    public String appender;

    private Path dir;
    private LoggerContext ctx;
    private Logger logger;

    @Setup(Level.Trial)
    public void start() throws JoranException {
        dir = BenchFolder.create();
        ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(LogbackAppenderBenchmark.class.getResource("/bench-logback-" + appender + ".xml"));
        logger = ctx.getLogger("io.contralog.bench.Orders");
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("out") instanceof ContraLogAppender contraLog) {
            System.out.println("ContraLog appender: " + contraLog.getStats());
        }
        ctx.stop();
        BenchFolder.delete(dir);
    }

    /** One thread's request number and MDC. */
    @State(Scope.Thread)
    public static class Caller {
        long request;

        @Setup(Level.Trial)
        public void context() {
            MDC.put("requestId", "req-" + Thread.currentThread().getId());
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
