package io.contralog.samples.log4j2;

import io.contralog.samples.orders.FlowLogger;
import io.contralog.samples.orders.FlowLogging;
import io.contralog.samples.orders.SampleServiceCommand;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import picocli.CommandLine.Command;

/** The sample order service logging through the Log4j2 API, with the ContraLog appender from log4j2.xml. */
@Command(name = "log4j2-order-service", mixinStandardHelpOptions = true,
    description = "Simulated order service that logs through Log4j2 into a ContraLog queue.")
public final class Log4j2OrderService extends SampleServiceCommand {

    public static void main(String[] args) {
        main(new Log4j2OrderService(), args);
    }

    @Override
    protected FlowLogging openLogging() {
        return new FlowLogging() {
            @Override
            public FlowLogger logger(String name) {
                return adapt(LogManager.getLogger(name));
            }

            @Override
            public void putContext(String key, String value) {
                ThreadContext.put(key, value);
            }

            @Override
            public void clearContext() {
                ThreadContext.clearMap();
            }
        };
    }

    private static FlowLogger adapt(Logger logger) {
        return new FlowLogger() {
            @Override
            public void debug(String format, Object... args) {
                logger.debug(format, args);
            }

            @Override
            public void info(String format, Object... args) {
                logger.info(format, args);
            }

            @Override
            public void warn(String format, Object... args) {
                logger.warn(format, args);
            }

            @Override
            public void error(String format, Object... args) {
                logger.error(format, args);
            }
        };
    }

    @Override
    protected void closeLogging() {
        LogManager.shutdown();
    }
}
