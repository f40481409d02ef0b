package io.contralog.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderServiceTest {

    private final RecordingLogging logging = new RecordingLogging();
    private final OrderService service = new OrderService(logging, /* simulateLatency= */ false);

    @Test
    void normalRequestWalksEveryStepWithItsRequestId() {
        Outcome outcome = firstCreated();

        assertThat(outcome).isEqualTo(Outcome.CREATED);
        assertThat(logging.lines).extracting(Line::logger).contains(
            "com.example.shop.web.OrderController", "com.example.shop.inventory.StockClient",
            "com.example.shop.payment.PaymentClient", "com.example.shop.shipping.ShippingService");
        assertThat(logging.lines).allSatisfy(l -> assertThat(l.requestId()).hasSize(16));
        assertThat(logging.context).isEmpty();
    }

    @Test
    void paymentTimeoutLogsRetriesAndAFailureWithItsCause() {
        long failed = 0;
        for (int seed = 0; seed < 10; seed++) {
            failed += service.handle(new SplittableRandom(seed), Fault.PAYMENT_TIMEOUT) == Outcome.FAILED ? 1 : 0;
        }

        assertThat(failed).isGreaterThan(5);
        assertThat(logging.lines).filteredOn(l -> l.level().equals("ERROR")).hasSize((int) failed)
            .allSatisfy(l -> assertThat((Throwable) l.args()[l.args().length - 1])
                .isInstanceOf(PaymentException.class).hasCauseInstanceOf(SocketTimeoutException.class));
        assertThat(logging.lines).filteredOn(l -> l.format().startsWith("Gateway")).hasSize(3 * (int) failed);
    }

    @Test
    void skipReserveLeavesOutTheStockStep() {
        for (int seed = 0; seed < 20; seed++) {
            service.handle(new SplittableRandom(seed), Fault.SKIP_RESERVE);
        }
        assertThat(logging.lines).noneMatch(l -> l.format().startsWith("Reserved"));
        assertThat(logging.lines).anyMatch(l -> l.format().startsWith("Shipment"));
    }

    @Test
    void faultPlanCoversOnlyItsWindow() {
        FaultPlan plan = new FaultPlan(Fault.DB_SLOW, Duration.ofSeconds(2), Duration.ofSeconds(3), 1.0);

        assertThat(plan.windowCovers(Duration.ofSeconds(1).toNanos())).isFalse();
        assertThat(plan.windowCovers(Duration.ofSeconds(4).toNanos())).isTrue();
        assertThat(plan.windowCovers(Duration.ofSeconds(5).toNanos())).isFalse();
        assertThat(plan.faultFor(Duration.ofSeconds(3).toNanos(), new SplittableRandom(1))).isEqualTo(Fault.DB_SLOW);
    }

    @Test
    void parsesDurationsInTheProjectsUnits() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    }

    private Outcome firstCreated() {
        for (int seed = 0; ; seed++) {
            logging.lines.clear();
            Outcome outcome = service.handle(new SplittableRandom(seed), Fault.NONE);
            if (outcome == Outcome.CREATED) {
                return outcome;
            }
        }
    }

    private record Line(String logger, String level, String format, Object[] args, String requestId) {
    }

    private static final class RecordingLogging implements FlowLogging {
        final List<Line> lines = new ArrayList<>();
        final Map<String, String> context = new HashMap<>();

        @Override
        public FlowLogger logger(String name) {
            return new FlowLogger() {
                @Override
                public void debug(String format, Object... args) {
                    add(name, "DEBUG", format, args);
                }

                @Override
                public void info(String format, Object... args) {
                    add(name, "INFO", format, args);
                }

                @Override
                public void warn(String format, Object... args) {
                    add(name, "WARN", format, args);
                }

                @Override
                public void error(String format, Object... args) {
                    add(name, "ERROR", format, args);
                }
            };
        }

        private void add(String logger, String level, String format, Object[] args) {
            lines.add(new Line(logger, level, format, args, context.get(OrderService.REQUEST_ID)));
        }

        @Override
        public void putContext(String key, String value) {
            context.put(key, value);
        }

        @Override
        public void clearContext() {
            context.clear();
        }
    }
}
