package io.contralog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Configures the application's real Logback context from the test config file and reads its status messages. */
final class LogbackHarness implements AutoCloseable {

    private final LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final List<String> properties = new ArrayList<>();

    /** Resets the context and configures it from {@code contralog-logback.xml} writing to {@code dir}. */
    LoggerContext start(Path dir, Map<String, String> extra) {
        return start("/contralog-logback.xml", dir, extra);
    }

    /** Resets the context and configures it from the named resource, writing to {@code dir}. */
    LoggerContext start(String resource, Path dir, Map<String, String> extra) {
        set("contralog.queueDir", dir.toString());
        extra.forEach(this::set);
        ctx.reset();
        ctx.getStatusManager().clear();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        try {
            configurator.doConfigure(LogbackHarness.class.getResource(resource));
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
        // A stopped context ignores stop(); start it so that each test's stop() really stops the appenders.
        ctx.start();
        return ctx;
    }

    Logger logger(String name) {
        return ctx.getLogger(name);
    }

    ContraLogAppender appender() {
        return (ContraLogAppender) ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("queue");
    }

    void stop() {
        ctx.stop();
    }

    private void set(String key, String value) {
        System.setProperty(key, value);
        properties.add(key);
    }

    long statusCount(String fragment) {
        return ctx.getStatusManager().getCopyOfStatusList().stream().map(Status::getMessage)
            .filter(m -> m.contains(fragment)).count();
    }

    static List<LogEvent> readAll(Path dir) {
        List<LogEvent> events = new ArrayList<>();
        try (EventQueueReader reader = EventQueueReader.open(dir, null)) {
            for (LogEvent e = reader.next(); e != null; e = reader.next()) {
                events.add(e);
            }
        }
        return events;
    }

    @Override
    public void close() {
        ctx.stop();
        ctx.reset();
        properties.forEach(System::clearProperty);
    }
}
