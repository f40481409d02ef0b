package io.contralog.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalTextTest {

    @Test
    void keepsLevelLoggerShortNameAndMessageButNotFieldsOrCase() {
        LogEvent e = LogEvent.builder().ts(123).level("WARN").logger("com.acme.order.OrderService")
            .thread("http-1").host("h").pid(9).msg("Order 42 Failed\nretrying").build();

        assertThat(CanonicalText.of(e)).isEqualTo("WARN OrderService: Order 42 Failed retrying");
    }

    @Test
    void appendsErrorAndCausesWithoutFrames() {
        ErrorInfo cause = new ErrorInfo("java.net.SocketTimeoutException", "Read timed out", List.of("a.b(c:1)"),
            null);
        ErrorInfo error = new ErrorInfo("com.acme.GatewayException", "upstream failed", List.of("x.y(z:2)"), cause);
        LogEvent e = LogEvent.builder().level("ERROR").logger("Root").msg("call failed").error(error).build();

        assertThat(CanonicalText.of(e)).isEqualTo("ERROR Root: call failed | GatewayException: upstream failed"
            + " | caused by SocketTimeoutException: Read timed out");
    }

    @Test
    void toleratesMissingFields() {
        LogEvent e = new LogEvent(1, 0, null, null, null, null, false,
            new ErrorInfo("Boom", null, null, null), null, null, null, -1, -1);

        assertThat(CanonicalText.of(e)).isEqualTo(" :  | Boom");
    }
}
