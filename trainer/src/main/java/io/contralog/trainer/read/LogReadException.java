package io.contralog.trainer.read;

/**
 * Bad input for a reader: an unreadable file, an unknown format, a layout that matches no line, a bad labels
 * file. The message names the file or option and what to do; command lines map it to exit code 2.
 */
public class LogReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the file or option. */
    public LogReadException(String message) {
        super(message);
    }

    /** Creates the exception with a message that names the file or option, and its cause. */
    public LogReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
