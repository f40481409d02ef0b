package io.contralog.core.util;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizesAndDurationsTest {

    @Test
    void parsesBinarySizes() {
        assertThat(Sizes.parse("x", "64KiB")).isEqualTo(64 * 1024);
        assertThat(Sizes.parse("x", "10MiB")).isEqualTo(10L << 20);
        assertThat(Sizes.parse("x", "1GiB")).isEqualTo(1L << 30);
        assertThat(Sizes.parse("x", "512")).isEqualTo(512);
        assertThat(Sizes.format(10L << 20)).isEqualTo("10MiB");
    }

    @Test
    void rejectsBadSizesNamingTheOption() {
        assertThatThrownBy(() -> Sizes.parse("maxQueueSize", "-1MiB")).hasMessageStartingWith("maxQueueSize:");
        assertThatThrownBy(() -> Sizes.parse("maxQueueSize", "lots")).hasMessageContaining("10MiB");
    }

    @Test
    void parsesDurations() {
        assertThat(Durations.parse("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("x", "60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse("x", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("x", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThatThrownBy(() -> Durations.parse("retention", "soon")).hasMessageStartingWith("retention:");
    }
}
