package io.contralog.samples.orders;

/** The logging framework behind a sample service: named loggers and the per-thread context (MDC, ThreadContext). */
public interface FlowLogging {

    FlowLogger logger(String name);

    void putContext(String key, String value);

    void clearContext();
}
