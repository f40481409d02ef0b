package io.contralog.core.json;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTest {

    @Test
    void writesEveryContractKeyInOrderAndEscapesText() {
        LogEvent event = LogEvent.builder().ts(123).level("ERROR").logger("a.B").thread("t\"1")
            .msg("line1\nline2 \\ \u0001 \uD800").truncated(true)
            .error(new ErrorInfo("E", null, List.of("f1"), new ErrorInfo("C", "why", List.of(), null)))
            .ctx(Map.of("k", "v")).service("svc").host("h").pid(7).seq(9).build();
        assertThat(EventJson.toJson(event)).isEqualTo("{\"v\":1,\"ts\":123,\"level\":\"ERROR\",\"logger\":\"a.B\","
            + "\"thread\":\"t\\\"1\",\"msg\":\"line1\\nline2 \\\\ \\u0001 \\ud800\",\"truncated\":true,"
            + "\"error\":{\"class\":\"E\",\"message\":null,\"frames\":[\"f1\"],"
            + "\"cause\":{\"class\":\"C\",\"message\":\"why\",\"frames\":[],\"cause\":null}},"
            + "\"ctx\":{\"k\":\"v\"},\"service\":\"svc\",\"host\":\"h\",\"pid\":7,\"seq\":9}");
    }

    @Test
    void writesNullForAbsentValues() {
        String json = EventJson.toJson(LogEvent.builder().msg(null).build());
        assertThat(json).contains("\"msg\":null", "\"error\":null", "\"ctx\":{}");
    }
}
