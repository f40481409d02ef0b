package io.contralog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.contralog.core.queue.EventQueueWriter;
import io.contralog.core.queue.QueueProblem;
import io.contralog.core.queue.QueueSettings;
import io.contralog.core.queue.WriterStats;
import io.contralog.core.util.Durations;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copies every event into a ContraLog queue folder, for the agent to score. Configured in {@code logback.xml} or
 * {@code logback-spring.xml} with {@code <queueDir>}, {@code <service>} and optional limits.
 *
 * <p>It never throws into the application and never blocks beyond the queue write; problems are reported
 * through the context's status manager, rate-limited, and every event not written is counted in
 * {@link #getStats()}. Configuration errors name the element and leave the appender stopped.
 */
public class ContraLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final Map<String, String> options = new LinkedHashMap<>();
    private String queueDir;
    private String shutdownTimeout = "5s";
    private Duration shutdownLimit = Duration.ofSeconds(5);
    private volatile EventQueueWriter writer;

    public void setQueueDir(String queueDir) {
        this.queueDir = queueDir;
    }

    public void setService(String service) {
        options.put("service", service);
    }

    public void setMaxMessageLength(String value) {
        options.put("maxMessageLength", value);
    }

    public void setMaxStackFrames(String value) {
        options.put("maxStackFrames", value);
    }

    public void setMaxCauseDepth(String value) {
        options.put("maxCauseDepth", value);
    }

    public void setContextKeys(String value) {
        options.put("contextKeys", value);
    }

    public void setMaxContextEntries(String value) {
        options.put("maxContextEntries", value);
    }

    public void setMaxContextValueLength(String value) {
        options.put("maxContextValueLength", value);
    }

    public void setRollCycle(String value) {
        options.put("rollCycle", value);
    }

    public void setRetention(String value) {
        options.put("retention", value);
    }

    public void setMaxQueueSize(String value) {
        options.put("maxQueueSize", value);
    }

    public void setReportInterval(String value) {
        options.put("reportInterval", value);
    }

    public void setShutdownTimeout(String value) {
        this.shutdownTimeout = value;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        try {
            Path dir = folder();
            QueueSettings.Builder settings = QueueSettings.builder();
            options.forEach(settings::option);
            shutdownLimit = Durations.parse("shutdownTimeout", shutdownTimeout);
            writer = EventQueueWriter.open(dir, settings.build(), this::report);
            super.start();
        } catch (IllegalArgumentException e) {
            addError("ContraLog appender '" + getName() + "': " + e.getMessage());
        }
    }

    private Path folder() {
        if (queueDir == null || queueDir.isBlank()) {
            throw new IllegalArgumentException("queueDir: the element is required; set it to the folder the agent"
                + " reads, such as /var/lib/myapp/contralog");
        }
        Path dir;
        try {
            dir = Path.of(queueDir.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("queueDir: '" + queueDir + "' is not a valid path: " + e.getMessage());
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("queueDir: " + dir + " is a file, not a folder");
        }
        return dir;
    }

    /**
     * Formats the message first: Logback formats lazily, and an argument's {@code toString()} that logs would
     * otherwise do so from inside the write, where its event is dropped. Counts events that arrive after
     * {@link #stop()}, which the base class would drop without counting.
     */
    @Override
    public void doAppend(ILoggingEvent event) {
        event.getFormattedMessage();
        EventQueueWriter w = writer;
        if (!isStarted() && w != null) {
            w.write(event, LogbackEventSource.INSTANCE);
            return;
        }
        super.doAppend(event);
    }

    @Override
    protected void append(ILoggingEvent event) {
        EventQueueWriter w = writer;
        if (w != null) {
            w.write(event, LogbackEventSource.INSTANCE);
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        EventQueueWriter w = writer;
        if (w != null && !w.close(shutdownLimit)) {
            addWarn("ContraLog appender '" + getName() + "': a write was still in progress after shutdownTimeout "
                + shutdownTimeout);
        }
    }

    private void report(QueueProblem problem, String message, Throwable cause) {
        String text = "ContraLog appender '" + getName() + "': " + message;
        Throwable shown = problem == QueueProblem.WRITE_FAILED || problem == QueueProblem.HOUSEKEEPING_FAILED
            ? cause : null;
        if (problem.isError()) {
            addError(text, shown);
        } else {
            addWarn(text, shown);
        }
    }

    /** Counters of written, dropped and cut events; all zero before the appender starts. */
    public WriterStats getStats() {
        EventQueueWriter w = writer;
        return w == null ? WriterStats.NONE : w.stats();
    }
}
