package io.contralog.samples.orders;

/**
 * A named logger as the order flow sees it. SLF4J and Log4j2 both take {@code {}} placeholders and treat a
 * trailing {@link Throwable} argument as the event's error, so each service adapts its framework in a few lines.
 */
public interface FlowLogger {

    void debug(String format, Object... args);

    void info(String format, Object... args);

    void warn(String format, Object... args);

    void error(String format, Object... args);
}
