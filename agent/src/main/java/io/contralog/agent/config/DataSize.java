package io.contralog.agent.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes written as {@code 64KiB}, {@code 10MiB} or {@code 1GiB} (a bare number means bytes).
 *
 * @param bytes the size in bytes
 */
public record DataSize(long bytes) {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB)?");

    /**
     * Parses a size such as {@code 64KiB}.
     *
     * @throws IllegalArgumentException naming the accepted forms when the text is not one of them
     */
    public static DataSize parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write it like 64KiB, 10MiB or 1GiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            default -> 0;
        };
        return new DataSize(n << shift);
    }

    /** Shorthand for a size in mebibytes. */
    public static DataSize ofMiB(long mib) {
        return new DataSize(mib << 20);
    }

    @Override
    public String toString() {
        if (bytes > 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes > 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes > 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return bytes + "B";
    }
}
