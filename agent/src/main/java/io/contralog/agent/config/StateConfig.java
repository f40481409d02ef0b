package io.contralog.agent.config;

import java.nio.file.Path;

/**
 * Where the agent keeps its own state: the checkpoint, the record of alerted sequences and the alert spool.
 *
 * @param dir the state folder; created when missing
 */
public record StateConfig(Path dir) {
}
