package io.contralog.trainer.read;

/**
 * Takes an inline label off the front of a line before the layout reads it.
 */
@FunctionalInterface
public interface LinePrefix {

    /** A prefix that leaves every line as it is, without a label. */
    LinePrefix NONE = line -> new Split(line, null);

    /** MultiLog's convention: lines that start with {@code "- "} are normal, all others anomalous. */
    LinePrefix DASH_MEANS_NORMAL = line -> line.startsWith("- ") ? new Split(line.substring(2), Boolean.FALSE)
        : new Split(line, Boolean.TRUE);

    /** Splits {@code line} into its label and the rest. */
    Split split(String line);

    /**
     * A line without its label.
     *
     * @param rest  the line as the layout wrote it
     * @param label the label, or null when the line carries none
     */
    record Split(String rest, Boolean label) {
    }
}
