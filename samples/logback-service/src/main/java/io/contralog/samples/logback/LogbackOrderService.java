package io.contralog.samples.logback;

import ch.qos.logback.classic.LoggerContext;
import io.contralog.samples.orders.FlowLogger;
import io.contralog.samples.orders.FlowLogging;
import io.contralog.samples.orders.SampleServiceCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import picocli.CommandLine.Command;

/** The sample order service logging through SLF4J and Logback, with the ContraLog appender from logback.xml. */
@Command(name = "logback-order-service", mixinStandardHelpOptions = true,
    description = "Simulated order service that logs through Logback into a ContraLog queue.")
public final class LogbackOrderService extends SampleServiceCommand {

    public static void main(String[] args) {
        main(new LogbackOrderService(), args);
    }

    @Override
    protected FlowLogging openLogging() {
        return new FlowLogging() {
            @Override
            public FlowLogger logger(String name) {
                return adapt(LoggerFactory.getLogger(name));
            }

            @Override
            public void putContext(String key, String value) {
                MDC.put(key, value);
            }

            @Override
            public void clearContext() {
                MDC.clear();
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
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
