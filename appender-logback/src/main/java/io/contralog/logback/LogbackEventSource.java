package io.contralog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.contralog.core.event.ErrorInfo;
import io.contralog.core.queue.EventSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Logback event for the queue writer. The MDC comes from the event, which copies it on the logging
 * thread (and which an {@code AsyncAppender} freezes before handing the event over).
 */
final class LogbackEventSource implements EventSource<ILoggingEvent> {

    static final LogbackEventSource INSTANCE = new LogbackEventSource();
    private static final int MAX_PROXY_DEPTH = 64;

    private LogbackEventSource() {
    }

    @Override
    public long epochNanos(ILoggingEvent event) {
        Instant instant = event.getInstant();
        if (instant == null) {
            return event.getTimeStamp() * 1_000_000L;
        }
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Override
    public String level(ILoggingEvent event) {
        return event.getLevel() == null ? null : event.getLevel().toString();
    }

    @Override
    public String logger(ILoggingEvent event) {
        return event.getLoggerName();
    }

    @Override
    public String thread(ILoggingEvent event) {
        return event.getThreadName();
    }

    @Override
    public boolean appendMessage(ILoggingEvent event, StringBuilder out) {
        String text = event.getFormattedMessage();
        if (text == null) {
            return false;
        }
        out.append(text);
        return true;
    }

    @Override
    public Throwable thrown(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        return proxy instanceof ThrowableProxy real ? real.getThrowable() : null;
    }

    @Override
    public ErrorInfo errorInfo(ILoggingEvent event) {
        return fromProxy(event.getThrowableProxy(), 0);
    }

    private static ErrorInfo fromProxy(IThrowableProxy proxy, int depth) {
        if (proxy == null || depth > MAX_PROXY_DEPTH) {
            return null;
        }
        List<String> frames = new ArrayList<>();
        StackTraceElementProxy[] steps = proxy.getStackTraceElementProxyArray();
        if (steps != null) {
            for (StackTraceElementProxy step : steps) {
                frames.add(step.getStackTraceElement().toString());
            }
        }
        return new ErrorInfo(proxy.getClassName(), proxy.getMessage(), frames,
            fromProxy(proxy.getCause(), depth + 1));
    }

    @Override
    public void forEachContext(ILoggingEvent event, ContextSink sink) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null) {
            return;
        }
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            sink.put(entry.getKey(), entry.getValue());
        }
    }
}
