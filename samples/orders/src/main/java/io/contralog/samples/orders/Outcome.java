package io.contralog.samples.orders;

/** How one simulated request ended, as its HTTP status. */
public enum Outcome {
    CREATED(201), REJECTED(422), DECLINED(402), FAILED(503);

    private final int status;

    Outcome(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
