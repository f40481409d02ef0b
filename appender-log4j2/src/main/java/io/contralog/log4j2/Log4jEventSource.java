package io.contralog.log4j2;

import io.contralog.core.queue.EventSource;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.StringBuilderFormattable;
import org.apache.logging.log4j.util.TriConsumer;

/**
 * Reads a Log4j2 event for the queue writer. The context comes from the event's own context data, which Log4j2
 * captures on the logging thread, so asynchronous loggers record the caller's ThreadContext.
 */
final class Log4jEventSource implements EventSource<LogEvent> {

    static final Log4jEventSource INSTANCE = new Log4jEventSource();

    private static final TriConsumer<String, Object, ContextSink> COPY = (key, value, sink) -> {
        if (value != null) {
            sink.put(key, String.valueOf(value));
        }
    };

    private Log4jEventSource() {
    }

    @Override
    public long epochNanos(LogEvent event) {
        Instant instant = event.getInstant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNanoOfSecond();
    }

    @Override
    public String level(LogEvent event) {
        return event.getLevel() == null ? null : event.getLevel().name();
    }

    @Override
    public String logger(LogEvent event) {
        return event.getLoggerName();
    }

    @Override
    public String thread(LogEvent event) {
        return event.getThreadName();
    }

    @Override
    public boolean appendMessage(LogEvent event, StringBuilder out) {
        Message message = event.getMessage();
        if (message == null) {
            return false;
        }
        if (message instanceof StringBuilderFormattable formattable) {
            formattable.formatTo(out);
            return true;
        }
        String text = message.getFormattedMessage();
        if (text == null) {
            return false;
        }
        out.append(text);
        return true;
    }

    @Override
    public Throwable thrown(LogEvent event) {
        return event.getThrown();
    }

    @Override
    public void forEachContext(LogEvent event, ContextSink sink) {
        if (event.getContextData() != null) {
            event.getContextData().forEach(COPY, sink);
        }
    }
}
