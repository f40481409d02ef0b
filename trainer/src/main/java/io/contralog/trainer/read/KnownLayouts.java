package io.contralog.trainer.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pattern layouts that Java applications most often write, and detection of the one a file uses.
 *
 * <p>Implementation notes: detection matches the first {@value #SAMPLE_LINES} lines against every layout and takes
 * the first, most specific, layout that matches nearly as many lines as the best one: a generic layout such as
 * {@code %d %p %m} always matches at least as many lines as the specific one the application used, and a few
 * odd lines (a logger name with a colon) must not hand the file to it.
 */
public final class KnownLayouts {

    /** Lines of a file looked at to detect its layout. */
    public static final int SAMPLE_LINES = 1000;

    private static final double NEARLY_ALL = 0.95;

    /** The built-in layouts, most specific first. */
    public static final List<String> PATTERNS = List.of(
        "%d %5p %pid --- [%applicationName] [%t] %-40.40logger{39} : %m%n",
        "%d %5p %pid --- [%t] %-40.40logger{39} : %m%n",
        "%d %-5p [%t] %-25logger : %m%n",
        "%d [%t] %-5level %logger:%line - %msg%n",
        "%d [%t] %-5level %logger - %msg%n",
        "%d - %-5p [%t:%C@%L] - %m%n",
        "%d %-5p [%t] %c - %m%n",
        "%d %-5p [%c] (%t) %m%n",
        "[%d][%-5p][%-25c] %m%n",
        "%d %-5p [%t] %c %m%n",
        "%d %-5p %c - %m%n",
        "%d %-5p %c: %m%n",
        "%d{HH:mm:ss.SSS} [%t] %-5level %logger - %msg%n",
        "%r [%t] %-5p %c %x - %m%n",
        "%d %-5p %m%n");

    private static final List<PatternLayout> COMPILED = PATTERNS.stream().map(PatternLayout::compile).toList();

    private KnownLayouts() {
    }

    /** Returns the built-in layouts, compiled. */
    public static List<PatternLayout> all() {
        return COMPILED;
    }

    /** Returns the layout that matches most of the first lines of {@code file}, or null when none matches. */
    public static PatternLayout detect(Path file) {
        return best(file, COMPILED);
    }

    /** Returns how many of the first lines of {@code file} {@code layout} matches. */
    public static int countMatches(Path file, PatternLayout layout) {
        return counts(file, List.of(layout))[0];
    }

    private static PatternLayout best(Path file, List<PatternLayout> layouts) {
        int[] counts = counts(file, layouts);
        int max = 0;
        for (int count : counts) {
            max = Math.max(max, count);
        }
        for (int i = 0; i < counts.length && max > 0; i++) {
            if (counts[i] >= NEARLY_ALL * max) {
                return layouts.get(i);
            }
        }
        return null;
    }

    private static int[] counts(Path file, List<PatternLayout> layouts) {
        int[] counts = new int[layouts.size()];
        for (String line : sample(file)) {
            for (int i = 0; i < layouts.size(); i++) {
                if (layouts.get(i).match(line) != null) {
                    counts[i]++;
                }
            }
        }
        return counts;
    }

    /** Returns up to {@link #SAMPLE_LINES} lines from the start of {@code file}, colour codes removed. */
    static List<String> sample(Path file) {
        List<String> lines = new ArrayList<>();
        try (LineSource source = LineSource.open(file)) {
            String line;
            while (lines.size() < SAMPLE_LINES && (line = source.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return lines;
    }
}
