package io.contralog.samples.replay;

import java.time.Instant;
import java.util.List;

/**
 * One event read back from a log file: its header fields, its message (several lines when the event had them),
 * the lines of its stack trace, and its label where the file carries one (null when unknown).
 */
public record LogLine(Instant timestamp, String thread, String level, String logger, String message,
                      List<String> errorLines, Boolean normal) {
}
