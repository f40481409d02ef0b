package io.contralog.trainer.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Labels per session key from a two-column CSV with a header such as {@code BlockId,Label}: the first column names
 * the session (a block id, a request id), the second says {@code Anomaly}/{@code Normal} (also {@code 1}/{@code 0},
 * {@code true}/{@code false}).
 */
public final class LabelFile {

    private final Path file;
    private final Map<String, Boolean> labels;
    private final Set<String> used = new HashSet<>();

    private LabelFile(Path file, Map<String, Boolean> labels) {
        this.file = file;
        this.labels = labels;
    }

    /** Reads {@code file}; a wrong header, a bad label or an empty file is a {@link LogReadException}. */
    public static LabelFile load(Path file) {
        Map<String, Boolean> labels = new HashMap<>();
        try (LineSource source = LineSource.open(file)) {
            checkHeader(file, source.readLine());
            String line;
            while ((line = source.readLine()) != null) {
                if (!line.isBlank()) {
                    parseRow(file, source.lineNumber(), line, labels);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read labels " + file + ": " + e.getMessage(), e);
        }
        if (labels.isEmpty()) {
            throw new LogReadException("--labels " + file + " has a header but no rows");
        }
        return new LabelFile(file, labels);
    }

    /** Returns the label of {@code key}, or null when the file does not name it. */
    public Boolean labelOf(String key) {
        Boolean label = labels.get(key);
        if (label != null) {
            synchronized (used) {
                used.add(key);
            }
        }
        return label;
    }

    /** Returns how many keys the file labels. */
    public int size() {
        return labels.size();
    }

    /** Returns how many of the file's keys were asked for and found. */
    public int matched() {
        synchronized (used) {
            return used.size();
        }
    }

    /** Returns how many keys the file labels anomalous. */
    public long anomalies() {
        return labels.values().stream().filter(Boolean::booleanValue).count();
    }

    /** Returns the file the labels came from. */
    public Path file() {
        return file;
    }

    /** Fails naming the file when none of its keys named a session of {@code input}. */
    public void requireSomeMatched(String input) {
        if (matched() == 0) {
            throw new LogReadException("None of the " + size() + " keys in --labels " + file
                + " names a session of " + input + ": check that the labels belong to this log");
        }
    }

    private static void checkHeader(Path file, String header) {
        String[] columns = header == null ? new String[0] : header.replace("\uFEFF", "").split(",");
        if (columns.length != 2 || columns[0].isBlank() || !columns[1].strip().equalsIgnoreCase("label")) {
            throw new LogReadException("--labels " + file + " must start with a header of two columns, the key and "
                + "'Label' (for example 'BlockId,Label'), but starts with '" + header + "'");
        }
    }

    private static void parseRow(Path file, long lineNumber, String line, Map<String, Boolean> labels) {
        int comma = line.lastIndexOf(',');
        if (comma <= 0) {
            throw new LogReadException("--labels " + file + " line " + lineNumber + ": expected 'key,label' but got '"
                + line + "'");
        }
        String key = line.substring(0, comma).strip();
        String value = line.substring(comma + 1).strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "anomaly", "anomalous", "abnormal", "1", "true", "yes":
                labels.put(key, Boolean.TRUE);
                break;
            case "normal", "0", "false", "no":
                labels.put(key, Boolean.FALSE);
                break;
            default:
                throw new LogReadException("--labels " + file + " line " + lineNumber + ": label '" + value
                    + "' is neither Anomaly nor Normal");
        }
    }
}
