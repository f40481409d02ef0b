package io.contralog.samples.replay;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads one log file (plain or gzip) as events: a header line and the lines that continue it. Stack-trace lines
 * become the event's error lines; other continuation lines extend its message. Lines before the first header
 * are skipped and counted.
 *
 * <p>A line that starts with {@code "- "} and parses once those two characters are removed is a normal line of a
 * labelled file, the MultiLog convention; once a file has shown such a line, its unprefixed lines are anomalous.
 */
final class LogFileReader implements Closeable {

    private static final Pattern ERROR_LINE = Pattern.compile(
        "^(\\s+at |\\s*\\.\\.\\. \\d+ (more|common frames omitted)|\\s*Caused by: |\\s*Suppressed: |"
            + "[\\w$.]+(Exception|Error|Throwable)[\\w$]*(: .*)?$)");

    private final BufferedReader in;
    private final HeaderParser parser;
    private final String source;
    private String pendingHeader;
    private LogLine pending;
    private boolean labelled;
    private long skipped;

    LogFileReader(Path file, HeaderParser parser) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            raw = new GZIPInputStream(raw, 64 * 1024);
        }
        this.in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 64 * 1024);
        this.parser = parser;
        this.source = file.getFileName().toString();
    }

    /** The file name, which the replayer puts into each event's context. */
    String source() {
        return source;
    }

    /** Lines that belonged to no event. */
    long skipped() {
        return skipped;
    }

    /** The next whole event, or null at the end of the file. */
    LogLine next() {
        try {
            LogLine header = pending != null ? pending : readHeader();
            pending = null;
            if (header == null) {
                return null;
            }
            return withContinuation(header);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    private LogLine readHeader() throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            LogLine header = header(line);
            if (header != null) {
                return header;
            }
            skipped++;
        }
        return null;
    }

    private LogLine withContinuation(LogLine header) throws IOException {
        StringBuilder message = new StringBuilder(header.message());
        List<String> errors = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            LogLine next = header(line);
            if (next != null) {
                pending = next;
                break;
            }
            if (!errors.isEmpty() || ERROR_LINE.matcher(line).find()) {
                errors.add(line);
            } else if (!line.isBlank()) {
                message.append('\n').append(line.stripTrailing());
            }
        }
        return new LogLine(header.timestamp(), header.thread(), header.level(), header.logger(), message.toString(),
            List.copyOf(errors), header.normal());
    }

    private LogLine header(String line) {
        LogLine parsed = parser.parse(line, labelled ? Boolean.FALSE : null);
        if (parsed != null || !line.startsWith("- ")) {
            return parsed;
        }
        parsed = parser.parse(line.substring(2), Boolean.TRUE);
        if (parsed != null) {
            labelled = true;
        }
        return parsed;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
