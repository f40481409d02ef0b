package io.contralog.agent.alert;

import java.time.Duration;

/**
 * What a receiver answered.
 *
 * @param status     HTTP status code
 * @param retryAfter the wait its {@code Retry-After} header asked for, or null
 * @param body       the start of its body, for logs
 */
public record HttpResult(int status, Duration retryAfter, String body) {

    /** Whether the receiver took the alert. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Whether trying again can help: 408, 429, any 5xx, and anything outside the 4xx range. */
    public boolean retryable() {
        return !(status >= 400 && status < 500) || status == 408 || status == 429;
    }
}
