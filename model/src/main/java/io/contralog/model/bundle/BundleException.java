package io.contralog.model.bundle;

import java.nio.file.Path;

/** A model bundle cannot be used; the message names the file and the problem. */
public final class BundleException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}. */
    public BundleException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** A problem with {@code file} caused by {@code cause}. */
    public BundleException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file (or bundle folder) that is at fault. */
    public Path file() {
        return file;
    }
}
