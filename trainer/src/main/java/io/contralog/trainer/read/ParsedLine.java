package io.contralog.trainer.read;

import java.util.Map;

/**
 * The fields of the first line of one event, as a layout matched them.
 *
 * @param ts     epoch nanoseconds, or {@link Timestamps#UNKNOWN}
 * @param level  level name in upper case, or empty
 * @param thread thread name, or empty
 * @param logger logger or class name, or empty
 * @param msg    the message part of the line
 * @param pid    process id, or -1
 * @param ctx    MDC entries the layout printed
 */
public record ParsedLine(long ts, String level, String thread, String logger, String msg, long pid,
                         Map<String, String> ctx) {
}
