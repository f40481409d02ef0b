package io.contralog.samples.replay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkReplayTest {

    private static final Instant AT = Instant.parse("2023-11-18T08:46:14.674Z");
    private static final LogLine FAILURE = new LogLine(AT, "pool-3", "ERROR", "o.a.i.d.Storage", "flush failed",
        List.of("java.io.IOException: No space left on device", "\tat o.a.i.d.Storage.flush(Storage.java:88)",
            "Caused by: com.example.DiskFullException: /data is full"), Boolean.FALSE);

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void logbackAppendersSeeTheOriginalTimestampThreadContextAndError() {
        ListAppender<ILoggingEvent> list;
        try (LogbackSink sink = new LogbackSink(getClass().getResource("/replay-list-logback.xml"))) {
            sink.replay(FAILURE, Map.of("source", "label1.log.gz"));
            list = (ListAppender<ILoggingEvent>) sink.context().getLogger("ROOT").getAppender("LIST");
        }

        ILoggingEvent event = list.list.get(0);
        assertThat(event.getInstant()).isEqualTo(AT);
        assertThat(event.getThreadName()).isEqualTo("pool-3");
        assertThat(event.getLoggerName()).isEqualTo("o.a.i.d.Storage");
        assertThat(event.getMDCPropertyMap()).containsEntry("source", "label1.log.gz");
        assertThat(event.getThrowableProxy().getClassName()).isEqualTo("java.io.IOException");
        assertThat(event.getThrowableProxy().getCause().getClassName()).isEqualTo("com.example.DiskFullException");
    }

    @Test
    void rebuildsErrorsOfClassesMissingFromTheClassPathUnderTheirOwnName() {
        Throwable t = ReplayedThrowables.of(ParsedError.parse(FAILURE.errorLines()));

        assertThat(t).isInstanceOf(java.io.IOException.class).hasMessage("No space left on device");
        assertThat(t.getStackTrace()).extracting(StackTraceElement::getMethodName).containsExactly("flush");
        assertThat(t.getCause().getClass().getName()).isEqualTo("com.example.DiskFullException");
        assertThat(t.getCause()).hasMessage("/data is full");
    }

    @Test
    void log4j2AppendersSeeTheOriginalTimestampThreadContextAndError() throws Exception {
        Path out = dir.resolve("replayed.log");
        System.setProperty("replay.test.file", out.toString());
        try (Log4j2Sink sink = new Log4j2Sink(getClass().getResource("/replay-file-log4j2.xml"))) {
            sink.replay(FAILURE, Map.of("source", "label1.log.gz"));
        }

        String written = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(written).startsWith(AT.toEpochMilli() + " pool-3 ERROR o.a.i.d.Storage label1.log.gz flush failed")
            .contains("java.io.IOException: No space left on device", "at o.a.i.d.Storage.flush(Storage.java:88)",
                "Caused by: com.example.DiskFullException: /data is full");
    }
}
