package io.contralog.samples.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LogbackOrderServiceTest {

    @TempDir
    Path dir;

    @Test
    void requestsReachTheQueueWithTheirRequestIdsAndTheFaultsErrors() throws Exception {
        Path queue = dir.resolve("queue");
        int exit = new CommandLine(new LogbackOrderService()).execute("--queue-dir", queue.toString(),
            "--service", "orders-test", "--requests", "30", "--rate", "300", "--fault", "payment-timeout",
            "--fault-after", "0s", "--fault-share", "0.5");

        assertThat(exit).isZero();
        List<LogEvent> events = read(queue);
        assertThat(events).hasSizeGreaterThan(100);
        assertThat(events).allSatisfy(e -> assertThat(e.service()).isEqualTo("orders-test"));
        assertThat(events).filteredOn(e -> e.logger().endsWith("OrderController"))
            .allSatisfy(e -> assertThat(e.ctx()).containsKey("requestId"));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.level()).isEqualTo("ERROR");
            assertThat(e.error().className()).isEqualTo("io.contralog.samples.orders.PaymentException");
            assertThat(e.error().cause().className()).isEqualTo("java.net.SocketTimeoutException");
        });
    }

    private static List<LogEvent> read(Path queue) {
        List<LogEvent> events = new ArrayList<>();
        try (EventQueueReader reader = EventQueueReader.open(queue, null)) {
            for (LogEvent e = reader.next(); e != null; e = reader.next()) {
                events.add(e);
            }
        }
        return events;
    }
}
