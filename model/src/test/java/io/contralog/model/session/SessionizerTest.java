package io.contralog.model.session;

import io.contralog.core.util.Durations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contralog.core.event.LogEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionizerTest {

    private static final long SEC = 1_000_000_000L;
    private final AtomicLong wall = new AtomicLong();

    private static LogEvent event(String service, long ts, long seq, String msg) {
        return LogEvent.builder().service(service).ts(ts).seq(seq).msg(msg).build();
    }

    private static SessionSpec spec(String regex, String field, Duration window, int events, int max, Duration idle) {
        return new SessionSpec(regex, field, window, events, max, idle);
    }

    @Test
    void cutsTimeWindowsOnEventTimeAndClosesByWatermark() {
        Sessionizer s = new Sessionizer(spec(null, null, Duration.ofSeconds(60), 0, 256, null), wall::get);

        assertThat(s.accept(event("a", 0, 1, "x"))).isEmpty();
        assertThat(s.accept(event("a", 30 * SEC, 2, "y"))).isEmpty();
        List<Sequence> closed = s.accept(event("a", 60 * SEC, 3, "z"));

        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).events()).extracting(LogEvent::msg).containsExactly("x", "y");
        assertThat(closed.get(0).reason()).isEqualTo(Sequence.CloseReason.WINDOW);
        assertThat(closed.get(0).startTs()).isZero();
        assertThat(closed.get(0).endTs()).isEqualTo(30 * SEC);
    }

    @Test
    void watermarkIsPerServiceAndClosesOtherKeysOfThatServiceOnly() {
        Sessionizer s = new Sessionizer(spec("req=(\\w+)", null, Duration.ofSeconds(10), 0, 256, null), wall::get);
        s.accept(event("a", 0, 1, "req=1 start"));
        s.accept(event("b", 0, 1, "req=1 start"));

        List<Sequence> closed = s.accept(event("a", 11 * SEC, 2, "req=2 start"));

        assertThat(closed).extracting(Sequence::service, Sequence::key).containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "1"));
        assertThat(s.openSessions()).isEqualTo(2);
    }

    @Test
    void keysByRegexGroupOrContextFieldAndInterleavesSessions() {
        Sessionizer byRegex = new Sessionizer(spec("(blk_-?\\d+)", null, null, 0, 256, null), wall::get);
        byRegex.accept(event("h", 1, 1, "Receiving blk_1 from x"));
        byRegex.accept(event("h", 2, 2, "Receiving blk_-2 from y"));
        byRegex.accept(event("h", 3, 3, "Served blk_1"));
        List<Sequence> flushed = byRegex.flush();
        assertThat(flushed).extracting(Sequence::key).containsExactly("blk_1", "blk_-2");
        assertThat(flushed.get(0).size()).isEqualTo(2);

        Sessionizer byField = new Sessionizer(spec(null, "requestId", null, 0, 256, null), wall::get);
        byField.accept(LogEvent.builder().service("s").ctx(Map.of("requestId", "r1")).msg("a").build());
        byField.accept(LogEvent.builder().service("s").msg("no key").build());
        assertThat(byField.flush()).extracting(Sequence::key).containsExactlyInAnyOrder("r1", "");
    }

    @Test
    void cutsByEventCountAndMaxLength() {
        Sessionizer s = new Sessionizer(spec(null, null, null, 3, 256, null), wall::get);
        List<Sequence> closed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            closed.addAll(s.accept(event("a", i, i, "m" + i)));
        }
        assertThat(closed).hasSize(2).allSatisfy(q -> assertThat(q.size()).isEqualTo(3));
        assertThat(closed.get(0).reason()).isEqualTo(Sequence.CloseReason.LENGTH);

        Sessionizer capped = new Sessionizer(spec(null, null, null, 10, 2, null), wall::get);
        capped.accept(event("a", 0, 0, "x"));
        assertThat(capped.accept(event("a", 1, 1, "y"))).hasSize(1);
    }

    @Test
    void closesIdleKeyedSessionsOnTheWallClockPassedIn() {
        Sessionizer s = new Sessionizer(spec("id=(\\d+)", null, Duration.ofSeconds(60), 0, 256,
            Duration.ofSeconds(5)), wall::get);
        wall.set(100 * SEC);
        s.accept(event("a", 0, 1, "id=1"));
        wall.set(103 * SEC);
        s.accept(event("a", 1, 2, "id=2"));

        assertThat(s.closeIdle(104 * SEC)).isEmpty();
        List<Sequence> idle = s.closeIdle(105 * SEC);

        assertThat(idle).extracting(Sequence::key).containsExactly("1");
        assertThat(idle.get(0).reason()).isEqualTo(Sequence.CloseReason.IDLE);
        assertThat(s.closeIdle(108 * SEC)).extracting(Sequence::key).containsExactly("2");
    }

    @Test
    void unkeyedWindowsWaitForTheLongerOfIdleAndWindow() {
        Sessionizer s = new Sessionizer(spec(null, null, Duration.ofSeconds(60), 0, 256, Duration.ofSeconds(5)),
            wall::get);
        s.accept(event("a", 0, 1, "x"));

        assertThat(s.closeIdle(30 * SEC)).isEmpty();
        assertThat(s.closeIdle(60 * SEC)).hasSize(1);
    }

    @Test
    void boundsOpenSessionsByClosingTheLeastRecentlyActiveAndCounting() {
        Sessionizer s = new Sessionizer(spec("k=(\\d+)", null, null, 0, 256, null), wall::get, 2);
        s.accept(event("a", 0, 0, "k=1"));
        s.accept(event("a", 1, 1, "k=2"));
        s.accept(event("a", 2, 2, "k=1"));
        List<Sequence> closed = s.accept(event("a", 3, 3, "k=3"));

        assertThat(closed).extracting(Sequence::key).containsExactly("2");
        assertThat(closed.get(0).reason()).isEqualTo(Sequence.CloseReason.EVICTED);
        assertThat(s.evicted()).isEqualTo(1);
        assertThat(s.openSessions()).isEqualTo(2);
        assertThat(s.oldestOpenFirstEvent().seq()).isZero();
    }

    @Test
    void sequenceIdIsStableAcrossRestartsAndEventsAreInTimeOrder() {
        SessionSpec sp = spec("k=(\\d+)", null, null, 0, 256, null);
        List<LogEvent> events = List.of(event("a", 5, 7, "k=1 b"), event("a", 3, 6, "k=1 a"));
        Sequence first = Sessionizer.sessionize(events, sp).get(0);
        Sequence again = Sessionizer.sessionize(events, sp).get(0);

        assertThat(first.id()).isEqualTo(again.id()).hasSize(16);
        assertThat(first.events()).extracting(LogEvent::msg).containsExactly("k=1 a", "k=1 b");
        assertThat(Sessionizer.sessionize(List.of(event("a", 3, 99, "k=1")), sp).get(0).id())
            .isNotEqualTo(first.id());
    }

    @Test
    void specRoundTripsThroughJsonAndRejectsBadSettings() {
        SessionSpec sp = spec("(blk_-?\\d+)", null, Duration.ofMillis(1500), 64, 128, Duration.ofMinutes(5));
        String json = sp.toJson();

        assertThat(json).contains("\"window\":\"1500ms\"").contains("\"idleTimeout\":\"5m\"");
        assertThat(SessionSpec.fromJson(json)).isEqualTo(sp);
        assertThat(SessionSpec.defaults().describe()).isEqualTo("no key, window 60s, max 256, idle 30s");
        assertThatThrownBy(() -> spec("(", null, null, 0, 1, null)).hasMessageContaining("does not compile");
        assertThatThrownBy(() -> spec("a", "b", null, 0, 1, null)).hasMessageContaining("not both");
        assertThatThrownBy(() -> SessionSpec.fromJson("{\"window\":\"sixty\",\"maxLength\":1}"))
            .hasMessageContaining("not a duration");
    }

    @Test
    void parsesAndFormatsDurations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThatThrownBy(() -> Durations.parse("5 minutes")).hasMessageContaining("60s");
    }
}
