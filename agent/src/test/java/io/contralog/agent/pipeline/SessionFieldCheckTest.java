package io.contralog.agent.pipeline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.contralog.agent.Agent;
import io.contralog.agent.alert.Await;
import io.contralog.agent.config.ConfigLoader;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueWriter;
import io.contralog.trainer.testing.RequestFlowLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionFieldCheckTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<String> missing = new ArrayList<>();
    private final SessionFieldCheck check = new SessionFieldCheck("traceId", missing::add);
    private long seq;

    @TempDir
    Path dir;

    @BeforeEach
    void captureLog() {
        log.start();
        logger().addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger().detachAppender(log);
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(SessionFieldCheck.class);
    }

    @Test
    void serviceWhoseFirstEventsLackTheFieldIsWarnedOnceNamingKeyServiceAndCarriedKeys() {
        feed("shop", Map.of("requestId", "r1", "user", "7"), SessionFieldCheck.EVENTS - 1);
        assertThat(warnings()).isEmpty();
        assertThat(missing).isEmpty();

        feed("shop", Map.of("requestId", "r2"), 1);
        assertThat(missing).containsExactly("shop");
        assertThat(warnings()).singleElement().asString().contains("first 1000 events of service 'shop'")
            .contains("context key 'traceId',").contains("context keys requestId, user").contains("session.field");

        feed("shop", Map.of("requestId", "r3"), 3 * SessionFieldCheck.EVENTS);
        assertThat(warnings()).hasSize(1);
        assertThat(missing).containsExactly("shop");
    }

    @Test
    void oneEventCarryingTheFieldClearsTheServiceForGood() {
        feed("billing", Map.of(), SessionFieldCheck.EVENTS - 1);
        feed("billing", Map.of("traceId", "t1"), 1);
        feed("billing", Map.of(), 3 * SessionFieldCheck.EVENTS);

        feed("audit", Map.of(), SessionFieldCheck.EVENTS);

        assertThat(missing).containsExactly("audit");
        assertThat(warnings()).singleElement().asString().contains("service 'audit'")
            .contains("no other context keys");
    }

    @Test
    void emptyValueCountsAsMissing() {
        feed("shop", Map.of("traceId", "", "requestId", "r1"), SessionFieldCheck.EVENTS);

        assertThat(missing).containsExactly("shop");
        assertThat(warnings()).singleElement().asString().contains("'traceId' (some carry it with an empty value)")
            .contains("context keys requestId.");
    }

    @Test
    void agentWarnsOnceAndCountsWhenNoEventCarriesTheConfiguredField() throws Exception {
        List<LogEvent> events = new RequestFlowLogs(14).normal(300);
        assertThat(events).hasSizeGreaterThan(SessionFieldCheck.EVENTS + 200);
        try (TestReceiver receiver = new TestReceiver();
             EventQueueWriter writer = EventQueueWriter.open(dir.resolve("queue"))) {
            events.forEach(writer::write);
            Path file = AgentFixture.config(dir, receiver.url(), "");
            Files.writeString(file, Files.readString(file)
                .replace("  idleTimeout: 300ms", "  idleTimeout: 300ms\n  field: traceId"));
            try (Agent agent = new Agent(ConfigLoader.withSystemEnv().load(file))) {
                agent.start();
                Await.until(Duration.ofSeconds(60), "every event read",
                    () -> agent.meters().count("contralog.events.read") == events.size());

                assertThat(agent.meters().count("contralog.sessions.field.missing", "service",
                    RequestFlowLogs.SERVICE)).isEqualTo(1.0);
                assertThat(warnings()).singleElement().asString().contains("service 'shop'")
                    .contains("context key 'traceId',").contains("context keys " + RequestFlowLogs.KEY);
            }
        }
    }

    private void feed(String service, Map<String, String> ctx, int count) {
        for (int i = 0; i < count; i++) {
            check.accept(LogEvent.builder().ts(1_000L + seq).level("INFO").logger("com.shop.Web").msg("hello")
                .ctx(ctx).service(service).host("web-1").seq(seq++).build());
        }
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
            .toList();
    }
}
