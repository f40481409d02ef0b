package io.contralog.trainer.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names of the input formats, and detection of a file's format for {@code auto}.
 *
 * <p>Implementation notes: detection looks at the first lines only: a folder holding {@code .cq4} files is a
 * queue; JSON objects are {@code jsonl}; the benchmark layouts are recognised by their fixed headers; then the
 * known pattern layouts are tried; what is left is read as raw lines.
 */
public final class Formats {

    /** Every format name {@code --format} accepts. */
    public static final List<String> NAMES = List.of("auto", "raw", "pattern", "jsonl", "queue", "bgl",
        "thunderbird", "hdfs", "multilog");

    private static final Pattern BGL = Pattern.compile(
        "^\\S+ \\d{10} \\d{4}\\.\\d{2}\\.\\d{2} \\S+ \\d{4}-\\d{2}-\\d{2}-\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d+ .*");
    private static final Pattern THUNDERBIRD = Pattern.compile(
        "^\\S+ \\d{10} \\d{4}\\.\\d{2}\\.\\d{2} \\S+ \\w{3} +\\d+ \\d{2}:\\d{2}:\\d{2} .*");
    private static final Pattern HDFS = Pattern.compile("^\\d{6} \\d{6} \\d+ [A-Z]+ [^:]+: .*");
    private static final Pattern MULTILOG_NORMAL = Pattern.compile("^- \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:.*");
    private static final int DETECT_LINES = 50;

    private Formats() {
    }

    /** Returns {@code format} in lower case, or fails naming the option and the accepted names. */
    public static String check(String format) {
        String name = format == null ? "auto" : format.strip().toLowerCase(java.util.Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new LogReadException("--format '" + format + "' is unknown: use one of " + String.join(", ", NAMES));
        }
        return name;
    }

    /** Returns the format of {@code path} as {@code auto} sees it. */
    public static String detect(Path path) {
        if (Files.isDirectory(path)) {
            return isQueue(path) ? "queue" : "auto";
        }
        List<String> lines = KnownLayouts.sample(path).stream().filter(l -> !l.isBlank()).limit(DETECT_LINES)
            .toList();
        if (lines.isEmpty()) {
            return "raw";
        }
        if (lines.get(0).strip().startsWith("{")) {
            return "jsonl";
        }
        if (most(lines, BGL)) {
            return "bgl";
        }
        if (most(lines, THUNDERBIRD)) {
            return "thunderbird";
        }
        if (most(lines, HDFS)) {
            return "hdfs";
        }
        if (lines.stream().anyMatch(l -> MULTILOG_NORMAL.matcher(l).matches())) {
            return "multilog";
        }
        return KnownLayouts.detect(path) == null ? "raw" : "pattern";
    }

    /** Returns whether {@code dir} holds Chronicle Queue cycle files. */
    public static boolean isQueue(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean most(List<String> lines, Pattern pattern) {
        long hits = lines.stream().filter(l -> pattern.matcher(l).matches()).count();
        return hits * 2 > lines.size();
    }
}
