package io.contralog.core.queue;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;

import java.util.Arrays;
import java.util.List;

/**
 * Encodes one event as a Chronicle binary-wire document of named fields into a reusable heap buffer, so that
 * the queue write under the lock is a single bulk copy.
 *
 * <p>Implementation note: Chronicle's own wire writes mapped memory a byte at a time with a bounds check per
 * byte, which made up most of a log call's cost. This class emits the same codes Chronicle's reader expects
 * (field names as 8-bit text, strings as per-char UTF-8, nested documents with a 32-bit length, numbers at
 * fixed width); {@link EventWire#read} decodes the result, and the tests hold the two to each other. Level, logger,
 * thread, service and host repeat from event to event as the same string objects, so their encoded form is reused.
 */
final class EventEncoder {

    private static final int FIELD_NAME0 = 0xC0;
    private static final int FIELD_NAME_ANY = 0xB7;
    private static final int STRING0 = 0xE0;
    private static final int STRING_ANY = 0xB8;
    private static final int SHORT_LIMIT = 32;
    private static final int BYTES_LENGTH32 = 0x82;
    private static final int INT32 = 0xA6;
    private static final int INT64 = 0xA7;
    private static final int TRUE = 0xB1;
    private static final int INITIAL_CAPACITY = 1024;
    private static final int RETAINED_CAPACITY = 256 * 1024;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private char[] chars = new char[INITIAL_CAPACITY];
    private final EncodedFields levels = new EncodedFields();
    private final EncodedFields loggers = new EncodedFields();
    private final EncodedFields threads = new EncodedFields();
    private final EncodedFields services = new EncodedFields();
    private final EncodedFields hosts = new EncodedFields();
    private final EncodedFields contextKeys = new EncodedFields();
    private int len;
    /** Where the body ends and the sequence number, known only under the writer's lock, begins. */
    private int bodyEnd;

    /** Encodes every field of the event but its sequence number; see {@link #finishWithSeq}. */
    void encodeBody(EventScratch e, String service, String host, long pid) {
        if (buf.length > RETAINED_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
        }
        if (chars.length > RETAINED_CAPACITY) {
            chars = new char[INITIAL_CAPACITY];
        }
        len = 0;
        field(EventWire.V);
        int32(LogEvent.SCHEMA_VERSION);
        field(EventWire.TS);
        int64(e.ts);
        cachedField(levels, EventWire.LEVEL, e.level);
        cachedField(loggers, EventWire.LOGGER, e.logger);
        cachedField(threads, EventWire.THREAD, e.thread);
        if (e.hasMessage) {
            textField(EventWire.MSG, e.message);
        }
        if (e.truncated) {
            field(EventWire.TRUNCATED);
            put(TRUE);
        }
        if (e.error != null) {
            field(EventWire.ERROR);
            error(e.error);
        }
        if (e.context.size() > 0) {
            field(EventWire.CTX);
            context(e.context);
        }
        cachedField(services, EventWire.SERVICE, service);
        cachedField(hosts, EventWire.HOST, host);
        field(EventWire.PID);
        int64(pid);
        bodyEnd = len;
    }

    /** Appends the sequence number after the body; calling it again replaces the previous one. */
    void finishWithSeq(long seq) {
        len = bodyEnd;
        field(EventWire.SEQ);
        int64(seq);
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return len;
    }

    private void error(ErrorInfo error) {
        int start = beginNested();
        textField(EventWire.CLASS, error.className());
        textField(EventWire.MESSAGE, error.message());
        List<String> frames = error.frames();
        if (!frames.isEmpty()) {
            field(EventWire.FRAMES);
            int list = beginNested();
            for (int i = 0; i < frames.size(); i++) {
                text(frames.get(i));
            }
            endNested(list);
        }
        if (error.cause() != null) {
            field(EventWire.CAUSE);
            error(error.cause());
        }
        endNested(start);
    }

    private void context(ContextBuffer ctx) {
        int start = beginNested();
        for (int i = 0; i < ctx.size(); i++) {
            contextKey(ctx.name(i));
            text(ctx.value(i));
        }
        endNested(start);
    }

    /** Context keys are the same few string constants of the application's code, so their encoding is kept. */
    private void contextKey(String name) {
        if (copyKept(contextKeys, name)) {
            return;
        }
        int start = len;
        field(name);
        contextKeys.keep(name, buf, start, len - start);
    }

    private int beginNested() {
        put(BYTES_LENGTH32);
        ensure(4);
        len += 4;
        return len;
    }

    private void endNested(int start) {
        int size = len - start;
        for (int i = 0; i < 4; i++) {
            buf[start - 4 + i] = (byte) (size >>> (8 * i));
        }
    }

    /** Copies the encoded field from the cache when this very string was encoded before, else encodes and keeps it. */
    private void cachedField(EncodedFields cache, String name, String value) {
        if (value == null || copyKept(cache, value)) {
            return;
        }
        int start = len;
        textField(name, value);
        cache.keep(value, buf, start, len - start);
    }

    /** Appends the kept encoding of this very string, if the cache holds one. */
    private boolean copyKept(EncodedFields cache, String value) {
        int slot = cache.find(value);
        if (slot < 0) {
            return false;
        }
        ensure(cache.length(slot));
        len = cache.copyTo(slot, buf, len);
        return true;
    }

    private void textField(String name, CharSequence value) {
        if (value != null) {
            field(name);
            text(value);
        }
    }

    /** Field names are 8-bit text on Chronicle's wire: a char above U+00FF becomes '?', as Chronicle writes it. */
    private void field(CharSequence name) {
        int n = copyChars(name);
        if (n < SHORT_LIMIT) {
            put(FIELD_NAME0 + n);
        } else {
            put(FIELD_NAME_ANY);
            stopBit(n);
        }
        ensure(n);
        byte[] out = buf;
        int at = len;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            out[at + i] = (byte) (c > 0xFF ? '?' : c);
        }
        len = at + n;
    }

    private void text(CharSequence value) {
        int n = copyChars(value);
        int bytes = utf8Length(chars, n);
        if (bytes < SHORT_LIMIT) {
            put(STRING0 + bytes);
        } else {
            put(STRING_ANY);
            stopBit(bytes);
        }
        ensure(bytes);
        if (bytes == n) {
            asciiOnly(n);
        } else {
            for (int i = 0; i < n; i++) {
                utf8(chars[i]);
            }
        }
    }

    /**
     * Copies the text into a char array first: String and StringBuilder both copy in bulk, and the loops over a
     * plain array compile to tight code, where calls to {@code CharSequence.charAt} on two receiver types do not.
     */
    private int copyChars(CharSequence value) {
        int n = value.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        if (value instanceof String text) {
            text.getChars(0, n, chars, 0);
        } else if (value instanceof StringBuilder text) {
            text.getChars(0, n, chars, 0);
        } else {
            for (int i = 0; i < n; i++) {
                chars[i] = value.charAt(i);
            }
        }
        return n;
    }

    private void asciiOnly(int n) {
        byte[] out = buf;
        char[] in = chars;
        int at = len;
        for (int i = 0; i < n; i++) {
            out[at + i] = (byte) in[i];
        }
        len = at + n;
    }

    /** Each UTF-16 char is encoded on its own, surrogates included, which is how Chronicle writes and reads it. */
    private static int utf8Length(char[] text, int n) {
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text[i];
            if (c >= 0x80) {
                bytes += c < 0x800 ? 1 : 2;
            }
        }
        return bytes;
    }

    private void utf8(char c) {
        if (c < 0x80) {
            buf[len++] = (byte) c;
        } else if (c < 0x800) {
            buf[len++] = (byte) (0xC0 | (c >>> 6));
            buf[len++] = (byte) (0x80 | (c & 0x3F));
        } else {
            buf[len++] = (byte) (0xE0 | (c >>> 12));
            buf[len++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void stopBit(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    private void int32(int value) {
        littleEndian(INT32, value, 4);
    }

    private void int64(long value) {
        littleEndian(INT64, value, 8);
    }

    private void littleEndian(int code, long value, int bytes) {
        put(code);
        ensure(bytes);
        for (int i = 0; i < bytes; i++) {
            buf[len++] = (byte) (value >>> (8 * i));
        }
    }

    private void put(int code) {
        ensure(1);
        buf[len++] = (byte) code;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
