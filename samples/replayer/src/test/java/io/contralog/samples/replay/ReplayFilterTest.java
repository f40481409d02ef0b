package io.contralog.samples.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayFilterTest {

    private static final Instant AT = Instant.parse("2023-11-18T08:46:34.964Z");

    @Test
    void readsEpochSecondsAsInjectionLogsWriteThem() {
        assertThat(ReplayFilter.moment("1700297194.920928", ZoneOffset.UTC, "--until"))
            .isEqualTo(Instant.parse("2023-11-18T08:46:34.920928Z"));
    }

    @Test
    void readsLocalDateTimesInTheZone() {
        assertThat(ReplayFilter.moment("2023-11-18 09:46:34", ZoneId.of("Europe/Berlin"), "--from"))
            .isEqualTo(Instant.parse("2023-11-18T08:46:34Z"));
    }

    @Test
    void namesTheOptionWhenAMomentDoesNotParse() {
        assertThatThrownBy(() -> ReplayFilter.moment("yesterday", ZoneOffset.UTC, "--from"))
            .hasMessageContaining("--from 'yesterday'");
    }

    @Test
    void keepsTheHalfOpenRangeAndTheAskedLabel() {
        ReplayFilter filter = new ReplayFilter(AT, AT.plusSeconds(1), ReplayFilter.Only.normal);

        assertThat(filter.accepts(line(AT, true))).isTrue();
        assertThat(filter.accepts(line(AT.plusSeconds(1), true))).isFalse();
        assertThat(filter.accepts(line(AT.minusMillis(1), true))).isFalse();
        assertThat(filter.accepts(line(AT, false))).isFalse();
        assertThat(filter.accepts(line(AT, null))).isFalse();
    }

    private static LogLine line(Instant at, Boolean normal) {
        return new LogLine(at, "main", "INFO", "a.B", "m", List.of(), normal);
    }
}
