package io.contralog.samples.orders;

/** Thrown by the simulated payment client when the gateway cannot charge an order. */
public final class PaymentException extends Exception {

    private static final long serialVersionUID = 1L;

    public PaymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
