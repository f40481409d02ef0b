package io.contralog.model.session;

import io.contralog.core.event.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionKeysTest {

    private static List<LogEvent> events() {
        List<LogEvent> events = new ArrayList<>();
        String[] msgs = {"open blk_-42 now", "read blk_7", "no block here", "blk_-42 closed", "x blk_9 y"};
        for (int i = 0; i < 40; i++) {
            Map<String, String> ctx = i % 3 == 0 ? Map.of() : Map.of("requestId", "r" + (i % 4));
            events.add(LogEvent.builder().ts(1_000_000L * i).service(i % 5 == 0 ? "b" : "a").logger("x.Y")
                .msg(i % 7 == 0 ? null : msgs[i % msgs.length]).ctx(ctx).seq(i).build());
        }
        return events;
    }

    @Test
    void keyEqualsTheKeyOfEverySequenceTheSessionizerCloses() {
        List<SessionSpec> specs = List.of(
            new SessionSpec("blk_-?\\d+", null, Duration.ofSeconds(60), 0, 3, Duration.ZERO),
            new SessionSpec("blk_(-?\\d+)", null, Duration.ofSeconds(60), 0, 3, Duration.ZERO),
            new SessionSpec(null, "requestId", Duration.ofSeconds(60), 0, 3, Duration.ZERO),
            new SessionSpec(null, null, Duration.ofSeconds(60), 4, 256, Duration.ZERO));
        for (SessionSpec spec : specs) {
            SessionKeys keys = new SessionKeys(spec);
            for (Sequence s : Sessionizer.sessionize(events(), spec)) {
                for (LogEvent e : s.events()) {
                    assertThat(keys.keyOf(e)).as("key of %s under %s", e.msg(), spec.describe()).isEqualTo(s.key());
                }
            }
        }
    }
}
