package io.contralog.agent.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the agent reads events: the queue folder the appenders write, and the name of its position in it.
 *
 * @param dir          the Chronicle Queue folder
 * @param tailer       the named tailer whose position Chronicle keeps inside the queue folder
 * @param pollInterval how long to wait when the queue has no new event
 */
public record QueueConfig(Path dir, String tailer, Duration pollInterval) {

    /** Fills defaults for keys the file leaves out. */
    public QueueConfig {
        tailer = tailer == null ? "contralog-agent" : tailer;
        pollInterval = pollInterval == null ? Duration.ofMillis(20) : pollInterval;
    }
}
