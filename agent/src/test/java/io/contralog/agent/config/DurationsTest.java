package io.contralog.agent.config;

import io.contralog.core.util.Durations;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void parsesTheProjectsForms() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("60s")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThatThrownBy(() -> Durations.parse("5 minutes")).hasMessageContaining("500ms");
    }

    @Test
    void parsesSizes() {
        assertThat(DataSize.parse("64KiB").bytes()).isEqualTo(65536);
        assertThat(DataSize.parse("1GiB").bytes()).isEqualTo(1L << 30);
        assertThat(DataSize.parse("10MiB").toString()).isEqualTo("10MiB");
        assertThatThrownBy(() -> DataSize.parse("10MB")).hasMessageContaining("10MiB");
    }
}
