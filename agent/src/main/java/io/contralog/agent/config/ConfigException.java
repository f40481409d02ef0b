package io.contralog.agent.config;

/** A configuration that cannot be used; the message names the file, the key and the fix. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that a person can act on. */
    public ConfigException(String message) {
        super(message);
    }
}
