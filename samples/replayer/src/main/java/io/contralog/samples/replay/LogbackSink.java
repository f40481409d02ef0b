package io.contralog.samples.replay;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter2;
import java.net.URL;
import java.util.Map;

/**
 * Replays into a Logback context of its own, configured from the given file. Events go straight to the logger's
 * appenders through {@link Logger#callAppenders}, which skips level checks: every replayed line is delivered.
 */
final class LogbackSink implements ReplaySink {

    private final LoggerContext context = new LoggerContext();

    LogbackSink(URL config) {
        context.setName("contralog-replay");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalArgumentException("cannot read the Logback configuration " + config + ": "
                + e.getMessage(), e);
        }
        if (new StatusUtil(context).getHighestLevel(0) >= Status.ERROR) {
            new StatusPrinter2().print(context);
            throw new IllegalArgumentException("the Logback configuration " + config + " has errors (printed above)");
        }
    }

    @Override
    public void replay(LogLine line, Map<String, String> ctx) {
        Logger logger = context.getLogger(line.logger());
        ParsedError error = ParsedError.parse(line.errorLines());
        ReplayedEvent event = new ReplayedEvent(error == null ? null : new ReplayedThrowableProxy(error));
        event.setLoggerContext(context);
        event.setLoggerName(logger.getName());
        event.setLevel(Level.toLevel(line.level(), Level.INFO));
        event.setMessage(line.message());
        event.setThreadName(line.thread());
        event.setInstant(line.timestamp());
        event.setMDCPropertyMap(ctx);
        logger.callAppenders(event);
    }

    /** The context the events go to, for tests that inspect its appenders. */
    LoggerContext context() {
        return context;
    }

    @Override
    public void close() {
        context.stop();
    }

    /** A logging event whose error is a parsed stack trace rather than a live throwable. */
    private static final class ReplayedEvent extends LoggingEvent {

        private final IThrowableProxy error;

        ReplayedEvent(IThrowableProxy error) {
            this.error = error;
        }

        @Override
        public IThrowableProxy getThrowableProxy() {
            return error;
        }
    }
}
