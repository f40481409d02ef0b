package io.contralog.trainer.train;

/** The input holds too little data to train on; the message says how much there was and how much is needed. */
public final class InsufficientDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message a user can act on. */
    public InsufficientDataException(String message) {
        super(message);
    }
}
