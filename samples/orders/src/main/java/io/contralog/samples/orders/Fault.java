package io.contralog.samples.orders;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A fault the order service can be told to suffer, named as on the command line. */
public enum Fault {
    /** No fault: every request runs the normal flow. */
    NONE("none"),
    /** The payment gateway stops answering: retries time out and the order fails with a stack trace. */
    PAYMENT_TIMEOUT("payment-timeout"),
    /** Requests skip the stock reservation and ship anyway: only the order of messages changes. */
    SKIP_RESERVE("skip-reserve"),
    /** The database slows down: slow-query warnings and connection-pool timeouts. */
    DB_SLOW("db-slow");

    private final String cliName;

    Fault(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Parses a command-line name such as {@code payment-timeout}, naming the valid ones when it is unknown. */
    public static Fault parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Fault fault : values()) {
            if (fault.cliName.equals(wanted)) {
                return fault;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "'; use one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(Fault::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
