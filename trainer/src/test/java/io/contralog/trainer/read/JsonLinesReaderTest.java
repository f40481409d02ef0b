package io.contralog.trainer.read;

import io.contralog.core.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.contralog.trainer.read.ReadTesting.readAll;
import static io.contralog.trainer.read.ReadTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsLogstashEncoderWithStackTraceAndMdcAtTopLevel() throws Exception {
        Path file = write(dir, "logstash.jsonl",
            "{\"@timestamp\":\"2025-03-14T13:41:46.468+03:00\",\"@version\":\"1\",\"message\":\"payment failed\","
                + "\"logger_name\":\"com.acme.Pay\",\"thread_name\":\"main\",\"level\":\"ERROR\",\"level_value\":40000,"
                + "\"requestId\":\"r-1\",\"stack_trace\":\"java.lang.IllegalStateException: no money\\n\\tat "
                + "com.acme.Pay.run(Pay.java:3)\\nCaused by: java.io.IOException: io\\n\\tat x.Y.z(Y.java:1)\\n\"}",
            "not json at all");

        List<LabeledEvent> events = readAll(file, "auto");

        assertThat(events).hasSize(1);
        LogEvent event = events.get(0).event();
        assertThat(event.level()).isEqualTo("ERROR");
        assertThat(event.logger()).isEqualTo("com.acme.Pay");
        assertThat(event.thread()).isEqualTo("main");
        assertThat(event.ctx()).containsEntry("requestId", "r-1").doesNotContainKey("level_value");
        assertThat(event.error().className()).isEqualTo("java.lang.IllegalStateException");
        assertThat(event.error().frames()).containsExactly("com.acme.Pay.run(Pay.java:3)");
        assertThat(event.error().cause().message()).isEqualTo("io");
        assertThat(event.ts()).isEqualTo(1_741_948_906_468_000_000L);
    }

    @Test
    void readsEcsWithDottedAndNestedKeys() throws Exception {
        Path file = write(dir, "ecs.json",
            "{\"@timestamp\":\"2020-04-14T14:05:58.019Z\", \"log.level\": \"WARN\", \"message\":\"slow\", "
                + "\"service.name\":\"es\",\"process.thread.name\":\"T#1\",\"log.logger\":\"o.e.Cluster\"}",
            "{\"@timestamp\":\"2020-04-14T14:05:59Z\",\"log\":{\"level\":\"ERROR\",\"logger\":\"o.e.Node\"},"
                + "\"message\":\"down\",\"error\":{\"type\":\"java.net.ConnectException\",\"message\":\"refused\"}}");

        List<LabeledEvent> events = readAll(file, "jsonl");

        assertThat(events.get(0).event().level()).isEqualTo("WARN");
        assertThat(events.get(0).event().service()).isEqualTo("es");
        assertThat(events.get(0).event().thread()).isEqualTo("T#1");
        assertThat(events.get(1).event().logger()).isEqualTo("o.e.Node");
        assertThat(events.get(1).event().level()).isEqualTo("ERROR");
        assertThat(events.get(1).event().service()).isEqualTo("ecs");
    }

    @Test
    void readsLog4j2JsonLayoutAndTheQueueShape() throws Exception {
        Path file = write(dir, "mixed.jsonl",
            "{\"instant\":{\"epochSecond\":1700000000,\"nanoOfSecond\":5},\"thread\":\"main\",\"level\":\"ERROR\","
                + "\"loggerName\":\"a.B\",\"message\":\"boom\",\"thrown\":{\"name\":\"java.lang.RuntimeException\","
                + "\"message\":\"x\",\"extendedStackTrace\":[{\"class\":\"a.B\",\"method\":\"m\",\"file\":\"B.java\","
                + "\"line\":3}],\"cause\":{\"name\":\"java.lang.Error\"}},\"contextMap\":{\"user\":\"u1\"}}",
            "{\"v\":1,\"ts\":1700000001000000000,\"level\":\"INFO\",\"logger\":\"a.C\",\"thread\":\"t\",\"msg\":\"ok\","
                + "\"truncated\":true,\"ctx\":{\"k\":\"v\"},\"service\":\"svc\",\"host\":\"h\",\"pid\":7,\"seq\":42,"
                + "\"error\":{\"class\":\"a.E\",\"message\":\"m\",\"frames\":[\"a.C.f(C.java:1)\"],\"cause\":null}}");

        List<LabeledEvent> events = readAll(file, "jsonl");

        LogEvent log4j = events.get(0).event();
        assertThat(log4j.ts()).isEqualTo(1_700_000_000_000_000_005L);
        assertThat(log4j.error().frames()).containsExactly("a.B.m(B.java:3)");
        assertThat(log4j.error().cause().className()).isEqualTo("java.lang.Error");
        assertThat(log4j.ctx()).containsEntry("user", "u1");
        LogEvent queue = events.get(1).event();
        assertThat(queue.ts()).isEqualTo(1_700_000_001_000_000_000L);
        assertThat(queue.truncated()).isTrue();
        assertThat(queue.seq()).isEqualTo(42);
        assertThat(queue.pid()).isEqualTo(7);
        assertThat(queue.host()).isEqualTo("h");
        assertThat(queue.error().className()).isEqualTo("a.E");
        assertThat(queue.ctx()).containsExactlyEntriesOf(java.util.Map.of("k", "v"));
    }
}
