package io.contralog.agent.config;

import io.contralog.core.util.Sizes;

/**
 * A size in bytes written as {@code 64KiB}, {@code 10MiB} or {@code 1GiB} (a bare number means bytes).
 *
 * @param bytes the size in bytes
 */
public record DataSize(long bytes) {

    /**
     * Parses a size such as {@code 64KiB}.
     *
     * @throws IllegalArgumentException naming the accepted forms when the text is not one of them
     */
    public static DataSize parse(String text) {
        return new DataSize(Sizes.parse(text));
    }

    /** Shorthand for a size in mebibytes. */
    public static DataSize ofMiB(long mib) {
        return new DataSize(mib << 20);
    }

    @Override
    public String toString() {
        return Sizes.format(bytes);
    }
}
