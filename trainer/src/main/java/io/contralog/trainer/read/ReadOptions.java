package io.contralog.trainer.read;

import java.nio.file.Path;

/**
 * Options shared by every reader.
 *
 * @param pattern         a Logback or Log4j pattern layout for format {@code pattern} (and to override detection
 *                        for {@code auto}), or null to detect the layout
 * @param labels          a {@code Key,Label} CSV (for example HDFS's {@code BlockId,Label}), or null
 * @param service         the service name given to events that carry none; null takes the file's name
 * @param maxMessageChars messages longer than this are cut and marked truncated
 * @param maxFrames       stack frames kept per throwable
 */
public record ReadOptions(String pattern, Path labels, String service, int maxMessageChars, int maxFrames) {

    /** Default cut for one message: long enough for real messages, short enough to bound memory per event. */
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 64 * 1024;

    /** Default number of stack frames kept per throwable. */
    public static final int DEFAULT_MAX_FRAMES = 64;

    /** Returns options with no pattern, no labels and default limits. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, null, null, DEFAULT_MAX_MESSAGE_CHARS, DEFAULT_MAX_FRAMES);
    }

    /** Returns a copy with the given pattern layout. */
    public ReadOptions withPattern(String newPattern) {
        return new ReadOptions(newPattern, labels, service, maxMessageChars, maxFrames);
    }

    /** Returns a copy with the given labels file. */
    public ReadOptions withLabels(Path newLabels) {
        return new ReadOptions(pattern, newLabels, service, maxMessageChars, maxFrames);
    }

    /** Returns a copy with the given default service name. */
    public ReadOptions withService(String newService) {
        return new ReadOptions(pattern, labels, newService, maxMessageChars, maxFrames);
    }

    /** Returns the service for events read from {@code file}: the configured one, else the file's base name. */
    public String serviceFor(Path file) {
        if (service != null && !service.isBlank()) {
            return service;
        }
        return baseName(file);
    }

    static String baseName(Path file) {
        Path name = file.getFileName();
        String text = name == null ? "log" : name.toString();
        for (String suffix : new String[] {".gz", ".log", ".jsonl", ".json", ".out", ".txt"}) {
            if (text.endsWith(suffix) && text.length() > suffix.length()) {
                text = text.substring(0, text.length() - suffix.length());
            }
        }
        return text;
    }
}
