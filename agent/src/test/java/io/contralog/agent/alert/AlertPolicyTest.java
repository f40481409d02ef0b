package io.contralog.agent.alert;

import io.contralog.agent.config.AlertsConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.contralog.agent.alert.Alerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

class AlertPolicyTest {

    private final AtomicLong now = new AtomicLong(1_000);

    private AlertPolicy policy(Duration warmUp, Duration group, int perService, List<AlertsConfig.SuppressRule> s) {
        return new AlertPolicy(new AlertsConfig(List.of(), warmUp, null, null, null, null,
            new AlertsConfig.GroupingConfig(group), new AlertsConfig.RateLimitConfig(perService, Duration.ofMinutes(1)),
            s, null), now::get);
    }

    @Test
    void warmUpHoldsAlertsBackUntilItEnds() {
        AlertPolicy p = policy(Duration.ofMinutes(5), Duration.ZERO, 0, List.of());
        assertThat(p.decide(alert("a", 1, "x"))).isEqualTo(AlertPolicy.Decision.WARMUP);
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(p.decide(alert("a", 2, "x"))).isEqualTo(AlertPolicy.Decision.SEND);
    }

    @Test
    void repeatsOfOneIncidentAreGroupedWithinTheWindow() {
        AlertPolicy p = policy(Duration.ZERO, Duration.ofMinutes(5), 0, List.of());
        assertThat(p.decide(alert("a", 1, "ERROR timeout after 30 ms"))).isEqualTo(AlertPolicy.Decision.SEND);
        assertThat(p.decide(alert("a", 2, "ERROR timeout after 31 ms"))).isEqualTo(AlertPolicy.Decision.GROUPED);
        assertThat(p.decide(alert("b", 3, "ERROR timeout after 31 ms"))).isEqualTo(AlertPolicy.Decision.SEND);
        assertThat(p.decide(alert("a", 4, "ERROR disk full"))).isEqualTo(AlertPolicy.Decision.SEND);
        now.addAndGet(Duration.ofMinutes(6).toNanos());
        assertThat(p.decide(alert("a", 5, "ERROR timeout after 9 ms"))).isEqualTo(AlertPolicy.Decision.SEND);
    }

    @Test
    void rateLimitCapsAlertsPerServicePerInterval() {
        AlertPolicy p = policy(Duration.ZERO, Duration.ZERO, 2, List.of());
        assertThat(p.decide(alert("a", 1, "x1"))).isEqualTo(AlertPolicy.Decision.SEND);
        assertThat(p.decide(alert("a", 2, "x2"))).isEqualTo(AlertPolicy.Decision.SEND);
        assertThat(p.decide(alert("a", 3, "x3"))).isEqualTo(AlertPolicy.Decision.RATE_LIMITED);
        assertThat(p.decide(alert("b", 4, "x4"))).isEqualTo(AlertPolicy.Decision.SEND);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(p.decide(alert("a", 5, "x5"))).isEqualTo(AlertPolicy.Decision.SEND);
    }

    @Test
    void suppressionRulesMatchEveryGivenField() {
        AlertPolicy p = policy(Duration.ZERO, Duration.ZERO, 0, List.of(
            new AlertsConfig.SuppressRule("batch-.*", null, "nightly", null)));
        assertThat(p.decide(alert("batch-7", 1, "WARN nightly job slow"))).isEqualTo(AlertPolicy.Decision.SUPPRESSED);
        assertThat(p.decide(alert("batch-7", 2, "ERROR disk"))).isEqualTo(AlertPolicy.Decision.SEND);
        assertThat(p.decide(alert("web", 3, "WARN nightly job slow"))).isEqualTo(AlertPolicy.Decision.SEND);
    }
}
