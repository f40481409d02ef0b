package io.contralog.core.queue;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireOut;
import net.openhft.chronicle.wire.WireType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap encoder must produce documents that Chronicle's reader decodes exactly as it decodes the same event
 * written field by field through Chronicle's own wire, for every length class and character class.
 */
class EventEncoderTest {

    private static final int[] LENGTHS = {0, 1, 10, 31, 32, 33, 127, 128, 129, 16383, 16384, 70_000};
    private static final String[] ALPHABETS = {"abcXYZ 019-_", "abcé\u00ff\u00e0", "a中文ß", "a\uD83D\uDE00b",
        "a\uD800b\uDC00"};

    private final Random random = new Random(7);
    private final QueueSettings settings = QueueSettings.builder().maxContextEntries(40).build();

    @Test
    void decodesLikeChronicleForEveryLengthAndCharacterClass() {
        for (String alphabet : ALPHABETS) {
            for (int length : LENGTHS) {
                EventScratch event = randomEvent(alphabet, length);
                assertThat(decode(encoded(event))).as("alphabet %s, length %d", alphabet, length)
                    .isEqualTo(decode(chronicleWritten(event)));
            }
        }
    }

    @Test
    void keepsEveryFieldOfAFullEvent() {
        EventScratch event = randomEvent("abc", 40);
        LogEvent read = decode(encoded(event));

        assertThat(read.ts()).isEqualTo(event.ts);
        assertThat(read.msg()).isEqualTo(event.message.toString());
        assertThat(read.truncated()).isTrue();
        assertThat(read.error().frames()).hasSize(3);
        assertThat(read.error().cause().cause().frames()).hasSize(1);
        assertThat(read.ctx()).hasSize(event.context.size());
        assertThat(read.service()).isEqualTo("svc");
        assertThat(read.host()).isEqualTo("host-1");
        assertThat(read.pid()).isEqualTo(4242L);
        assertThat(read.seq()).isEqualTo(Long.MAX_VALUE - 3);
    }

    @Test
    void reusesEncodedLoggersThreadsAndLevelsWithoutMixingThemUp() {
        EventEncoder encoder = new EventEncoder();
        String[] loggers = new String[11];
        for (int i = 0; i < loggers.length; i++) {
            loggers[i] = "com.example.Logger" + "x".repeat(i * 7);
        }
        String huge = "t".repeat(2000);
        for (int round = 0; round < 50; round++) {
            EventScratch event = new EventScratch(settings);
            event.reset();
            event.logger = loggers[(round * 7) % loggers.length];
            event.thread = round % 3 == 0 ? huge : "worker-" + (round % 2);
            event.level = round % 2 == 0 ? "INFO" : "WARN";
            event.context.put(loggers[round % 10], "v" + round);
            event.context.put("requestId", "r" + round);
            encoder.encodeBody(event, "svc", round % 5 == 0 ? "other-host" : "host-1", round);
            encoder.finishWithSeq(round);
            LogEvent read = decode(Bytes.wrapForRead(Arrays.copyOf(encoder.buffer(), encoder.length())));

            assertThat(read.logger()).isEqualTo(event.logger);
            assertThat(read.thread()).isEqualTo(event.thread);
            assertThat(read.level()).isEqualTo(event.level);
            assertThat(read.host()).isEqualTo(round % 5 == 0 ? "other-host" : "host-1");
            assertThat(read.seq()).isEqualTo(round);
            assertThat(read.ctx()).containsExactlyInAnyOrderEntriesOf(
                Map.of(loggers[round % 10], "v" + round, "requestId", "r" + round));
        }
    }

    @Test
    void flagsEveryEventWithAnUnpairedSurrogateAlsoWhenItsEncodingIsReused() {
        EventEncoder encoder = new EventEncoder();
        for (int round = 0; round < 3; round++) {
            EventScratch event = new EventScratch(settings);
            event.reset();
            event.logger = round < 2 ? "bad\uD800logger" : "good.Logger";
            encoder.encodeBody(event, "svc", "host-1", 1);
            encoder.finishWithSeq(round);

            assertThat(event.invalidText).as("round %d", round).isEqualTo(round < 2);
            assertThat(decode(Bytes.wrapForRead(Arrays.copyOf(encoder.buffer(), encoder.length()))).logger())
                .isEqualTo(round < 2 ? "bad\uFFFDlogger" : "good.Logger");
        }
        EventScratch badKey = new EventScratch(settings);
        badKey.reset();
        badKey.context.put("key\uDC00", "v");
        encoder.encodeBody(badKey, "svc", "host-1", 1);
        assertThat(badKey.invalidText).isTrue();
    }

    @Test
    void replacesTheSequenceNumberWhenFinishedAgain() {
        EventScratch event = randomEvent("abc", 5);
        EventEncoder encoder = new EventEncoder();
        encoder.encodeBody(event, "svc", "host-1", 1);
        encoder.finishWithSeq(1);
        encoder.finishWithSeq(99);

        assertThat(decode(Bytes.wrapForRead(Arrays.copyOf(encoder.buffer(), encoder.length()))).seq())
            .isEqualTo(99L);
    }

    /** Chronicle's own wire writes a digits-only field name as a number, so "007" would come back as "7". */
    @Test
    void keepsContextKeysMadeOfDigits() {
        EventScratch event = new EventScratch(settings);
        event.reset();
        event.context.put("007", "a");
        event.context.put("0", "b");

        assertThat(decode(encoded(event)).ctx()).containsEntry("007", "a").containsEntry("0", "b");
    }

    /** Two keys that differ only above U+00FF once both came back as "??", so one value was lost. */
    @Test
    void keepsContextKeysBeyondLatin1() {
        EventScratch event = new EventScratch(settings);
        event.reset();
        event.context.put("r\u00e9gion-\u4e2d", "a");
        event.context.put("x".repeat(40) + "\u4e2d", "b");
        event.context.put("\u7528\u6237", "user-1");
        event.context.put("\u8bf7\u6c42", "req-9");
        event.context.put("\uD83D\uDE00", "smile");
        event.context.put("lone\uDC00", "c");

        assertThat(decode(encoded(event)).ctx()).containsExactlyInAnyOrderEntriesOf(Map.of(
            "r\u00e9gion-\u4e2d", "a", "x".repeat(40) + "\u4e2d", "b", "\u7528\u6237", "user-1",
            "\u8bf7\u6c42", "req-9", "\uD83D\uDE00", "smile", "lone\uFFFD", "c"));
        assertThat(event.invalidText).isTrue();
    }

    /** A queue written before keys were UTF-8 holds a Latin-1 key as single bytes; it reads back unchanged. */
    @Test
    void readsLatin1ContextKeysOfOlderQueues() {
        assertThat(EventWire.contextKey("r\u00e9gion")).isEqualTo("r\u00e9gion");
        assertThat(EventWire.contextKey("r\u00c3\u00a9gion")).isEqualTo("r\u00e9gion");
        assertThat(EventWire.contextKey("requestId")).isEqualTo("requestId");
    }

    @Test
    void omitsAbsentOptionalFields() {
        EventScratch event = new EventScratch(settings);
        event.reset();
        event.ts = 5;
        LogEvent read = decode(encoded(event));

        assertThat(read.level()).isEqualTo(LogEvent.builder().build().level());
        assertThat(read.error()).isNull();
        assertThat(read.ctx()).isEmpty();
        assertThat(read.truncated()).isFalse();
    }

    private EventScratch randomEvent(String alphabet, int length) {
        EventScratch e = new EventScratch(settings);
        e.reset();
        e.ts = random.nextLong();
        e.level = text(alphabet, Math.min(length, 40));
        e.logger = text(alphabet, length);
        e.thread = text(alphabet, Math.min(length, 300));
        e.hasMessage = true;
        e.message.append(text(alphabet, length));
        e.truncated = true;
        e.error = error(alphabet, length, 3);
        for (int i = 0; i < 35; i++) {
            // Keys stay ASCII here: Chronicle's own wire cannot write others (see keepsContextKeysBeyondLatin1).
            e.context.put("k" + text(ALPHABETS[0], i % 28) + i, text(alphabet, Math.min(length, 500)));
        }
        return e;
    }

    private ErrorInfo error(String alphabet, int length, int depth) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            frames.add(text(alphabet, Math.min(length, 200)));
        }
        ErrorInfo cause = depth > 1 ? error(alphabet, length, depth - 1) : null;
        return new ErrorInfo(text(alphabet, 30), length == 0 ? null : text(alphabet, length), frames, cause);
    }

    private String text(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static Bytes<?> encoded(EventScratch event) {
        EventEncoder encoder = new EventEncoder();
        encoder.encodeBody(event, "svc", "host-1", 4242);
        encoder.finishWithSeq(Long.MAX_VALUE - 3);
        return Bytes.wrapForRead(Arrays.copyOf(encoder.buffer(), encoder.length()));
    }

    /**
     * The event written through Chronicle's own wire API, field by field, in the same order, with unpaired
     * surrogates already replaced, as the encoder replaces them.
     */
    private static Bytes<?> chronicleWritten(EventScratch e) {
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(1024);
        Wire w = WireType.BINARY_LIGHT.apply(bytes);
        w.write(EventWire.V).int32(LogEvent.SCHEMA_VERSION);
        w.write(EventWire.TS).int64(e.ts);
        w.write(EventWire.LEVEL).text(wellFormed(e.level));
        w.write(EventWire.LOGGER).text(wellFormed(e.logger));
        w.write(EventWire.THREAD).text(wellFormed(e.thread));
        w.write(EventWire.MSG).text(wellFormed(e.message));
        w.write(EventWire.TRUNCATED).bool(true);
        w.write(EventWire.ERROR).marshallable(m -> writeError(m, e.error));
        w.write(EventWire.CTX).marshallable(m -> {
            for (int i = 0; i < e.context.size(); i++) {
                m.write(e.context.name(i)).text(wellFormed(e.context.value(i)));
            }
        });
        w.write(EventWire.SERVICE).text("svc");
        w.write(EventWire.HOST).text("host-1");
        w.write(EventWire.PID).int64(4242);
        w.write(EventWire.SEQ).int64(Long.MAX_VALUE - 3);
        return bytes;
    }

    private static void writeError(WireOut w, ErrorInfo error) {
        w.write(EventWire.CLASS).text(wellFormed(error.className()));
        if (error.message() != null) {
            w.write(EventWire.MESSAGE).text(wellFormed(error.message()));
        }
        w.write(EventWire.FRAMES)
            .sequence(error.frames(), (frames, out) -> frames.forEach(f -> out.text(wellFormed(f))));
        if (error.cause() != null) {
            w.write(EventWire.CAUSE).marshallable(m -> writeError(m, error.cause()));
        }
    }

    /** A reference for the encoder's repair: each surrogate that is not half of a pair becomes U+FFFD. */
    private static String wellFormed(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
            if (pairStart) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static LogEvent decode(Bytes<?> bytes) {
        return EventWire.read(WireType.BINARY_LIGHT.apply(bytes));
    }
}
