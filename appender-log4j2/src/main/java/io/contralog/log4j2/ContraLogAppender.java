package io.contralog.log4j2;

import io.contralog.core.queue.EventQueueWriter;
import io.contralog.core.queue.QueueProblem;
import io.contralog.core.queue.QueueSettings;
import io.contralog.core.queue.WriterStats;
import io.contralog.core.util.Durations;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Copies every event into a ContraLog queue folder, for the agent to score:
 * {@code <ContraLog name="queue" queueDir="/var/lib/app/contralog" service="orders"/>}.
 *
 * <p>It never throws into the application and never blocks beyond the queue write; problems are reported
 * through the StatusLogger, rate-limited, and every event not written is counted in {@link #getStats()}.
 */
@Plugin(name = "ContraLog", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class ContraLogAppender extends AbstractAppender {

    private final Path queueDir;
    private final QueueSettings settings;
    private final Duration shutdownTimeout;
    private volatile EventQueueWriter writer;

    private ContraLogAppender(String name, Filter filter, boolean ignoreExceptions, Property[] properties,
                              Path queueDir, QueueSettings settings, Duration shutdownTimeout) {
        super(name, filter, null, ignoreExceptions, properties);
        this.queueDir = queueDir;
        this.settings = settings;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Starts a builder; Log4j2 calls it for the {@code <ContraLog>} element. */
    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    @Override
    public void start() {
        writer = EventQueueWriter.open(queueDir, settings, this::report);
        super.start();
    }

    @Override
    public void append(LogEvent event) {
        EventQueueWriter w = writer;
        if (w != null) {
            w.write(event, Log4jEventSource.INSTANCE);
        }
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        Duration limit = shutdownTimeout;
        if (timeout > 0) {
            Duration asked = Duration.ofNanos(timeUnit.toNanos(timeout));
            limit = asked.compareTo(limit) < 0 ? asked : limit;
        }
        EventQueueWriter w = writer;
        boolean closed = w == null || w.close(limit);
        if (!closed) {
            LOGGER.warn("ContraLog appender '{}': a write was still in progress after shutdownTimeout {}",
                getName(), Durations.format(shutdownTimeout));
        }
        setStopped();
        return closed;
    }

    private void report(QueueProblem problem, String message, Throwable cause) {
        String text = "ContraLog appender '" + getName() + "': " + message;
        Throwable shown = problem == QueueProblem.WRITE_FAILED || problem == QueueProblem.HOUSEKEEPING_FAILED
            ? cause : null;
        if (problem.isError()) {
            LOGGER.error(text, shown);
        } else {
            LOGGER.warn(text, shown);
        }
    }

    /** Counters of written, dropped and cut events; all zero before the appender starts. */
    public WriterStats getStats() {
        EventQueueWriter w = writer;
        return w == null ? WriterStats.NONE : w.stats();
    }

    /** The folder this appender writes to. */
    public Path getQueueDir() {
        return queueDir;
    }

    /** Builds the appender from the element's attributes, naming the attribute in every configuration error. */
    public static final class Builder extends AbstractAppender.Builder<Builder>
        implements org.apache.logging.log4j.core.util.Builder<ContraLogAppender> {

        @PluginBuilderAttribute
        private String queueDir;
        @PluginBuilderAttribute
        private String service;
        @PluginBuilderAttribute
        private String maxMessageLength;
        @PluginBuilderAttribute
        private String maxStackFrames;
        @PluginBuilderAttribute
        private String maxCauseDepth;
        @PluginBuilderAttribute
        private String contextKeys;
        @PluginBuilderAttribute
        private String maxContextEntries;
        @PluginBuilderAttribute
        private String maxContextValueLength;
        @PluginBuilderAttribute
        private String rollCycle;
        @PluginBuilderAttribute
        private String retention;
        @PluginBuilderAttribute
        private String maxQueueSize;
        @PluginBuilderAttribute
        private String reportInterval;
        @PluginBuilderAttribute
        private String shutdownTimeout;

        public Builder setQueueDir(String queueDir) {
            this.queueDir = queueDir;
            return this;
        }

        public Builder setService(String service) {
            this.service = service;
            return this;
        }

        public Builder setMaxQueueSize(String maxQueueSize) {
            this.maxQueueSize = maxQueueSize;
            return this;
        }

        public Builder setMaxMessageLength(String maxMessageLength) {
            this.maxMessageLength = maxMessageLength;
            return this;
        }

        public Builder setMaxStackFrames(String maxStackFrames) {
            this.maxStackFrames = maxStackFrames;
            return this;
        }

        public Builder setMaxCauseDepth(String maxCauseDepth) {
            this.maxCauseDepth = maxCauseDepth;
            return this;
        }

        public Builder setContextKeys(String contextKeys) {
            this.contextKeys = contextKeys;
            return this;
        }

        public Builder setMaxContextEntries(String maxContextEntries) {
            this.maxContextEntries = maxContextEntries;
            return this;
        }

        public Builder setMaxContextValueLength(String maxContextValueLength) {
            this.maxContextValueLength = maxContextValueLength;
            return this;
        }

        public Builder setRollCycle(String rollCycle) {
            this.rollCycle = rollCycle;
            return this;
        }

        public Builder setRetention(String retention) {
            this.retention = retention;
            return this;
        }

        public Builder setReportInterval(String reportInterval) {
            this.reportInterval = reportInterval;
            return this;
        }

        public Builder setShutdownTimeout(String shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        @Override
        public ContraLogAppender build() {
            String name = getName();
            try {
                Path dir = folder();
                QueueSettings settings = settings();
                Duration timeout = shutdownTimeout == null || shutdownTimeout.isBlank() ? Duration.ofSeconds(5)
                    : Durations.parse("shutdownTimeout", shutdownTimeout);
                return new ContraLogAppender(name, getFilter(), isIgnoreExceptions(), getPropertyArray(), dir,
                    settings, timeout);
            } catch (IllegalArgumentException e) {
                LOGGER.error("ContraLog appender '{}': {}", name, e.getMessage());
                return null;
            }
        }

        private Path folder() {
            if (queueDir == null || queueDir.isBlank()) {
                throw new IllegalArgumentException("queueDir: the attribute is required; set it to the folder"
                    + " the agent reads, such as /var/lib/myapp/contralog");
            }
            Path dir;
            try {
                dir = Path.of(queueDir.trim());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("queueDir: '" + queueDir + "' is not a valid path: "
                    + e.getMessage());
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("queueDir: " + dir + " is a file, not a folder");
            }
            return dir;
        }

        private QueueSettings settings() {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("service", service);
            options.put("maxMessageLength", maxMessageLength);
            options.put("maxStackFrames", maxStackFrames);
            options.put("maxCauseDepth", maxCauseDepth);
            options.put("contextKeys", contextKeys);
            options.put("maxContextEntries", maxContextEntries);
            options.put("maxContextValueLength", maxContextValueLength);
            options.put("rollCycle", rollCycle);
            options.put("retention", retention);
            options.put("maxQueueSize", maxQueueSize);
            options.put("reportInterval", reportInterval);
            QueueSettings.Builder b = QueueSettings.builder();
            options.forEach(b::option);
            return b.build();
        }
    }
}
