package io.contralog.samples.replay;

import java.util.Map;

/** A logging framework the replayer feeds, configured with the ContraLog appender. */
interface ReplaySink extends AutoCloseable {

    /** Hands one event to the framework's appenders with its original timestamp, thread and context. */
    void replay(LogLine line, Map<String, String> context);

    /** Flushes and stops the framework, so that every event has reached its appenders' destinations. */
    @Override
    void close();
}
