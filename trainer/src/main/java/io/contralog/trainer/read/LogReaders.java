package io.contralog.trainer.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Opens readers by format name: {@code auto}, {@code raw}, {@code pattern}, {@code jsonl}, {@code queue},
 * {@code bgl}, {@code thunderbird}, {@code hdfs}, {@code multilog}.
 *
 * <p>Several inputs are read one after the other. A folder is a queue when it holds {@code .cq4} files; otherwise
 * its files are read in name order (for MultiLog, one node per {@code label*.log.gz} file; {@code README},
 * {@code .csv} and MultiLog's {@code inject.log} are left out). Every file is checked before reading starts, so
 * that a wrong path or format fails at once, naming the file.
 */
public final class LogReaders {

    /** The layout of the MultiLog IoTDB logs after the label prefix is taken off. */
    public static final String MULTILOG_PATTERN = "%d [%t] %-5level %logger:%line - %msg%n";

    private LogReaders() {
    }

    /** Opens {@code inputs} in {@code format}. */
    public static LogReader open(List<Path> inputs, String format, ReadOptions options) {
        String name = Formats.check(format);
        if (inputs == null || inputs.isEmpty()) {
            throw new LogReadException("--input: no input given (name one or more log files or folders)");
        }
        LabelFile labels = options.labels() == null ? null : LabelFile.load(options.labels());
        List<Supplier<LogReader>> readers = new ArrayList<>();
        for (Path file : expand(inputs, name)) {
            String fileFormat = resolve(file, name);
            PatternLayout layout = check(file, fileFormat, options);
            readers.add(() -> openOne(file, fileFormat, options, labels, layout));
        }
        return new ConcatReader(readers);
    }

    /** Opens {@code inputs} in {@code format} with default options. */
    public static LogReader open(List<Path> inputs, String format) {
        return open(inputs, format, ReadOptions.defaults());
    }

    /** Returns the format {@code auto} resolves to for each file, after folders are expanded. */
    public static List<String> describe(List<Path> inputs, String format) {
        String name = Formats.check(format);
        return expand(inputs, name).stream().map(f -> f + ": " + resolve(f, name)).toList();
    }

    /** Returns the format the first input resolves to (what {@code auto} detects), for choosing session defaults. */
    public static String resolvedFormat(List<Path> inputs, String format) {
        String name = Formats.check(format);
        List<Path> files = expand(inputs, name);
        return files.isEmpty() ? name : resolve(files.get(0), name);
    }

    private static String resolve(Path file, String format) {
        if (!format.equals("auto")) {
            return format;
        }
        String detected = Formats.detect(file);
        return detected.equals("auto") ? "raw" : detected;
    }

    /** Checks that {@code file} can be read in {@code format}; returns its layout for {@code pattern}. */
    private static PatternLayout check(Path file, String format, ReadOptions options) {
        if (format.equals("queue")) {
            if (!Files.isDirectory(file)) {
                throw new LogReadException("--format queue needs a queue folder, but " + file + " is not a folder");
            }
            return null;
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new LogReadException("Cannot read " + file + ": no such file or permission denied");
        }
        if (!format.equals("pattern")) {
            return null;
        }
        boolean given = options.pattern() != null && !options.pattern().isBlank();
        PatternLayout layout = layoutFor(file, options);
        if (given && KnownLayouts.countMatches(file, layout) == 0) {
            throw new LogReadException("No line of " + file + " matches the layout '" + layout.source()
                + "': give the layout the application logs with --pattern, or use --format raw");
        }
        return layout;
    }

    private static LogReader openOne(Path file, String format, ReadOptions options, LabelFile labels,
                                     PatternLayout layout) {
        String service = options.serviceFor(file);
        switch (format) {
            case "raw":
                return RawReader.open(file, options, service);
            case "pattern":
                return PatternReader.openChecked(file, layout, LinePrefix.NONE, options, service);
            case "jsonl":
                return JsonLinesReader.open(file, options, service);
            case "bgl":
                return BglReader.open(file, options, service);
            case "thunderbird":
                return ThunderbirdReader.open(file, options, service);
            case "hdfs":
                return HdfsReader.open(file, options, service, labels);
            case "multilog":
                return PatternReader.open(file, multilogLayout(options), LinePrefix.DASH_MEANS_NORMAL, options,
                    multilogService(file, options));
            case "queue":
                return QueueReaders.open(file, options);
            default:
                throw new LogReadException("--format '" + format + "' is unknown");
        }
    }

    private static PatternLayout layoutFor(Path file, ReadOptions options) {
        if (options.pattern() != null && !options.pattern().isBlank()) {
            return PatternLayout.compile(options.pattern());
        }
        PatternLayout detected = KnownLayouts.detect(file);
        if (detected == null) {
            throw new LogReadException("No known layout matches " + file
                + ": give the layout the application logs with --pattern (for example --pattern "
                + "'%d [%t] %-5level %logger - %msg%n'), or use --format raw");
        }
        return detected;
    }

    private static PatternLayout multilogLayout(ReadOptions options) {
        return PatternLayout.compile(options.pattern() == null ? MULTILOG_PATTERN : options.pattern());
    }

    private static String multilogService(Path file, ReadOptions options) {
        if (options.service() != null && !options.service().isBlank()) {
            return options.service();
        }
        Path parent = file.toAbsolutePath().getParent();
        String node = ReadOptions.baseName(file);
        return parent == null || parent.getFileName() == null ? node : parent.getFileName() + "/" + node;
    }

    private static List<Path> expand(List<Path> inputs, String format) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new LogReadException("--input " + input + ": no such file or folder");
            }
            if (Files.isDirectory(input) && !format.equals("queue") && !Formats.isQueue(input)) {
                files.addAll(filesIn(input, format));
            } else {
                files.add(input);
            }
        }
        return files;
    }

    private static List<Path> filesIn(Path dir, String format) {
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> files = list.filter(Files::isRegularFile).filter(f -> isLog(f, format)).sorted().toList();
            if (files.isEmpty()) {
                throw new LogReadException("--input " + dir + " holds no log file");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isLog(Path file, String format) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("README") || name.endsWith(".csv") || name.endsWith(".md")) {
            return false;
        }
        return !(name.equals("inject.log") && (format.equals("multilog") || format.equals("auto")));
    }
}
