package io.contralog.core.util;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats byte sizes written as {@code 64KiB}, {@code 10MiB}, {@code 1GiB} or a plain byte count. */
public final class Sizes {

    /** Binary units only: {@code 10MB} is refused rather than guessed at, since it could mean 10^7 or 2^20 * 10. */
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB)?");

    private Sizes() {
    }

    /**
     * Parses a size.
     *
     * @param name  the option being parsed, named in the error message
     * @param value text such as {@code 10MiB}
     * @return the size in bytes
     * @throws IllegalArgumentException naming the option when the text is not a non-negative size
     */
    public static long parse(String name, String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a size where the caller names the option in its own error.
     *
     * @throws IllegalArgumentException giving the accepted forms when the text is not a non-negative size
     */
    public static long parse(String value) {
        Matcher m = value == null ? null : SIZE.matcher(value.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a size; write it like 64KiB, 10MiB or 1GiB");
        }
        long number = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            default -> 0;
        };
        if (Long.numberOfLeadingZeros(number) <= shift) {
            throw new IllegalArgumentException("'" + value + "' is too large");
        }
        return number << shift;
    }

    /** Formats a byte count in the largest binary unit that divides it, such as {@code 10MiB}. */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        long value = bytes;
        while (unit < units.length - 1 && value != 0 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }
}
