package io.contralog.core.queue;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.WireIn;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-queue form of contract 1: one self-describing document of named fields per event.
 *
 * <p>Implementation note: fields are written by name ({@link EventEncoder}) so that a reader can skip the ones it
 * does not know, and read by iterating over whatever names are present, so that a missing optional field keeps its
 * default.
 */
final class EventWire {

    static final String V = "v";
    static final String TS = "ts";
    static final String LEVEL = "level";
    static final String LOGGER = "logger";
    static final String THREAD = "thread";
    static final String MSG = "msg";
    static final String TRUNCATED = "truncated";
    static final String ERROR = "error";
    static final String CTX = "ctx";
    static final String SERVICE = "service";
    static final String HOST = "host";
    static final String PID = "pid";
    static final String SEQ = "seq";
    static final String CLASS = "class";
    static final String MESSAGE = "message";
    static final String FRAMES = "frames";
    static final String CAUSE = "cause";

    private EventWire() {
    }

    /**
     * Reads one event document.
     *
     * @return the event, or null when the document is not an event (it has no {@code v} field)
     */
    static LogEvent read(WireIn w) {
        StringBuilder name = new StringBuilder();
        LogEvent.Builder b = LogEvent.builder();
        boolean versioned = false;
        while (w.hasMore()) {
            long before = w.bytes().readPosition();
            ValueIn in = w.read(name);
            switch (name.toString()) {
                case V -> {
                    b.v(in.int32());
                    versioned = true;
                }
                case TS -> b.ts(in.int64());
                case LEVEL -> b.level(in.text());
                case LOGGER -> b.logger(in.text());
                case THREAD -> b.thread(in.text());
                case MSG -> b.msg(in.text());
                case TRUNCATED -> b.truncated(in.bool());
                case ERROR -> b.error(readError(in));
                case CTX -> b.ctx(readContext(in));
                case SERVICE -> b.service(in.text());
                case HOST -> b.host(in.text());
                case PID -> b.pid(in.int64());
                case SEQ -> b.seq(in.int64());
                default -> in.skipValue();
            }
            requireProgress(w, before);
        }
        return versioned ? b.build() : null;
    }

    /** A document that is not a sequence of named fields would otherwise be read forever. */
    private static void requireProgress(WireIn w, long before) {
        if (w.bytes().readPosition() <= before) {
            throw new IllegalStateException("not a document of named fields");
        }
    }

    private static ErrorInfo readError(ValueIn in) {
        ErrorInfo[] holder = new ErrorInfo[1];
        in.marshallable(w -> holder[0] = readErrorFields(w));
        return holder[0];
    }

    private static ErrorInfo readErrorFields(WireIn w) {
        StringBuilder name = new StringBuilder();
        String className = null;
        String message = null;
        List<String> frames = new ArrayList<>();
        ErrorInfo cause = null;
        while (w.hasMore()) {
            long before = w.bytes().readPosition();
            ValueIn in = w.read(name);
            switch (name.toString()) {
                case CLASS -> className = in.text();
                case MESSAGE -> message = in.text();
                case FRAMES -> in.sequence(frames, (list, item) -> {
                    while (item.hasNextSequenceItem()) {
                        list.add(item.text());
                    }
                });
                case CAUSE -> cause = readError(in);
                default -> in.skipValue();
            }
            requireProgress(w, before);
        }
        return new ErrorInfo(className, message, frames, cause);
    }

    /**
     * A context key arrives as its UTF-8 bytes, one char per byte. Queues written before keys were UTF-8 hold a
     * Latin-1 key as single bytes, which is rarely valid UTF-8, so a key that does not decode is kept as it is.
     */
    static String contextKey(CharSequence raw) {
        String key = raw.toString();
        if (!needsDecoding(key)) {
            return key;
        }
        byte[] bytes = new byte[key.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) key.charAt(i);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return key;
        }
    }

    /** Only a key with a byte above 0x7F, and none above 0xFF, can be UTF-8 read one char per byte. */
    private static boolean needsDecoding(String key) {
        boolean high = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c > 0xFF) {
                return false;
            }
            high |= c >= 0x80;
        }
        return high;
    }

    private static Map<String, String> readContext(ValueIn in) {
        Map<String, String> ctx = new LinkedHashMap<>();
        in.marshallable(w -> {
            StringBuilder name = new StringBuilder();
            while (w.hasMore()) {
                long before = w.bytes().readPosition();
                ValueIn value = w.read(name);
                String text = value.text();
                if (text != null) {
                    ctx.put(contextKey(name), text);
                }
                requireProgress(w, before);
            }
        });
        return ctx;
    }
}
