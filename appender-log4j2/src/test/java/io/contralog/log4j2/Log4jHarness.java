package io.contralog.log4j2;

import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueReader;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Starts real Log4j2 contexts from the test config files and collects what the StatusLogger said. */
final class Log4jHarness implements AutoCloseable {

    final List<String> status = new CopyOnWriteArrayList<>();
    private final List<LoggerContext> contexts = new ArrayList<>();
    private final List<String> properties = new ArrayList<>();

    private final StatusListener listener = new Collector();

    Log4jHarness() {
        StatusLogger.getLogger().registerListener(listener);
    }

    /** Starts a context from {@code contralog-log4j2.<format>} writing to {@code dir}. */
    LoggerContext start(String format, Path dir, Map<String, String> extra) {
        set("contralog.queueDir", dir.toString());
        extra.forEach(this::set);
        try {
            LoggerContext ctx = new LoggerContext("contralog-" + format + "-" + contexts.size(), null,
                Log4jHarness.class.getResource("/contralog-log4j2." + format).toURI());
            ctx.start();
            contexts.add(ctx);
            return ctx;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void set(String key, String value) {
        System.setProperty(key, value);
        properties.add(key);
    }

    static ContraLogAppender appender(LoggerContext ctx) {
        return ctx.getConfiguration().getAppender("queue");
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

    long statusCount(String fragment) {
        return status.stream().filter(s -> s.contains(fragment)).count();
    }

    @Override
    public void close() {
        contexts.forEach(LoggerContext::stop);
        StatusLogger.getLogger().removeListener(listener);
        properties.forEach(System::clearProperty);
    }

    private final class Collector implements StatusListener {
        @Override
        public void log(StatusData data) {
            status.add(data.getLevel() + " " + data.getMessage().getFormattedMessage()
                + (data.getThrowable() == null ? "" : " " + data.getThrowable()));
        }

        @Override
        public Level getStatusLevel() {
            return Level.WARN;
        }

        @Override
        public void close() {
            // Nothing to release; removal from the StatusLogger is enough.
        }
    }
}
