package io.contralog.core.queue;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * Unpaired surrogates are replaced with U+FFFD here, in the pass over a plain char array that encoding makes anyway.
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
    private static final char REPLACEMENT = '\uFFFD';
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The encoded names of the event's own fields, which are the same on every event. */
    private static final byte[] V = fieldName(EventWire.V);
    private static final byte[] TS = fieldName(EventWire.TS);
    private static final byte[] LEVEL = fieldName(EventWire.LEVEL);
    private static final byte[] LOGGER = fieldName(EventWire.LOGGER);
    private static final byte[] THREAD = fieldName(EventWire.THREAD);
    private static final byte[] MSG = fieldName(EventWire.MSG);
    private static final byte[] TRUNCATED = fieldName(EventWire.TRUNCATED);
    private static final byte[] ERROR = fieldName(EventWire.ERROR);
    private static final byte[] CTX = fieldName(EventWire.CTX);
    private static final byte[] SERVICE = fieldName(EventWire.SERVICE);
    private static final byte[] HOST = fieldName(EventWire.HOST);
    private static final byte[] PID = fieldName(EventWire.PID);
    private static final byte[] SEQ = fieldName(EventWire.SEQ);
    private static final byte[] CLASS = fieldName(EventWire.CLASS);
    private static final byte[] MESSAGE = fieldName(EventWire.MESSAGE);
    private static final byte[] FRAMES = fieldName(EventWire.FRAMES);
    private static final byte[] CAUSE = fieldName(EventWire.CAUSE);

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
    /** Whether a text of the event being encoded held an unpaired surrogate. */
    private boolean repaired;

    /** Encodes every field of the event but its sequence number; see {@link #finishWithSeq}. */
    void encodeBody(EventScratch e, String service, String host, long pid) {
        if (buf.length > RETAINED_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
        }
        if (chars.length > RETAINED_CAPACITY) {
            chars = new char[INITIAL_CAPACITY];
        }
        len = 0;
        repaired = false;
        field(V);
        int32(LogEvent.SCHEMA_VERSION);
        field(TS);
        int64(e.ts);
        cachedField(levels, LEVEL, e.level);
        cachedField(loggers, LOGGER, e.logger);
        cachedField(threads, THREAD, e.thread);
        if (e.hasMessage) {
            textField(MSG, e.message);
        }
        if (e.truncated) {
            field(TRUNCATED);
            put(TRUE);
        }
        if (e.error != null) {
            field(ERROR);
            error(e.error);
        }
        if (e.context.size() > 0) {
            field(CTX);
            context(e.context);
        }
        cachedField(services, SERVICE, service);
        cachedField(hosts, HOST, host);
        field(PID);
        int64(pid);
        bodyEnd = len;
        e.invalidText |= repaired;
    }

    /** Appends the sequence number after the body; calling it again replaces the previous one. */
    void finishWithSeq(long seq) {
        len = bodyEnd;
        field(SEQ);
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
        textField(CLASS, error.className());
        textField(MESSAGE, error.message());
        List<String> frames = error.frames();
        if (!frames.isEmpty()) {
            field(FRAMES);
            int list = beginNested();
            for (int i = 0; i < frames.size(); i++) {
                text(frames.get(i));
            }
            endNested(list);
        }
        if (error.cause() != null) {
            field(CAUSE);
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
        keepEncoding(contextKeys, name, () -> dynamicField(name));
    }

    private int beginNested() {
        put(BYTES_LENGTH32);
        ensure(4);
        len += 4;
        return len;
    }

    private void endNested(int start) {
        INT_LE.set(buf, start - Integer.BYTES, len - start);
    }

    /** Copies the encoded field from the cache when this very string was encoded before, else encodes and keeps it. */
    private void cachedField(EncodedFields cache, byte[] name, String value) {
        if (value == null || copyKept(cache, value)) {
            return;
        }
        keepEncoding(cache, value, () -> textField(name, value));
    }

    /** Runs {@code encoding} and keeps what it appended, and whether it repaired text, as the form of {@code value}. */
    private void keepEncoding(EncodedFields cache, String value, Runnable encoding) {
        boolean repairedBefore = repaired;
        repaired = false;
        int start = len;
        encoding.run();
        cache.keep(value, buf, start, len - start, repaired);
        repaired |= repairedBefore;
    }

    /** Appends the kept encoding of this very string, if the cache holds one. */
    private boolean copyKept(EncodedFields cache, String value) {
        int slot = cache.find(value);
        if (slot < 0) {
            return false;
        }
        ensure(cache.length(slot));
        len = cache.copyTo(slot, buf, len);
        repaired |= cache.repaired(slot);
        return true;
    }

    private void textField(byte[] name, CharSequence value) {
        if (value != null) {
            field(name);
            text(value);
        }
    }

    /** The field-name header of a constant ASCII name shorter than 32 chars. */
    private static byte[] fieldName(String name) {
        byte[] header = new byte[name.length() + 1];
        header[0] = (byte) (FIELD_NAME0 + name.length());
        for (int i = 0; i < name.length(); i++) {
            header[i + 1] = (byte) name.charAt(i);
        }
        return header;
    }

    private void field(byte[] header) {
        putBytes(header);
    }

    private void putBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /**
     * Chronicle's wire reads a field name as 8-bit text, one char per byte, so a context key is written as its UTF-8
     * bytes and {@link EventWire} decodes them again; an ASCII key is the same either way.
     */
    private void dynamicField(CharSequence name) {
        int n = copyChars(name);
        if (wroteAscii(FIELD_NAME0, FIELD_NAME_ANY, n)) {
            return;
        }
        repaired |= replaceUnpairedSurrogates(n);
        byte[] utf8 = new String(chars, 0, n).getBytes(StandardCharsets.UTF_8);
        header(FIELD_NAME0, FIELD_NAME_ANY, utf8.length);
        putBytes(utf8);
    }

    /** Writes the text as per-char UTF-8, assuming it is ASCII, as most log text is, until a char says otherwise. */
    private void text(CharSequence value) {
        int n = copyChars(value);
        if (wroteAscii(STRING0, STRING_ANY, n)) {
            return;
        }
        int bytes = utf8Length(chars, n);
        // U+FFFD takes three bytes in UTF-8, as does the lone surrogate it replaces, so bytes stays right.
        repaired |= replaceUnpairedSurrogates(n);
        header(STRING0, STRING_ANY, bytes);
        ensure(bytes);
        for (int i = 0; i < n; i++) {
            utf8(chars[i]);
        }
    }

    /** Writes the first {@code n} chars with their header if all are ASCII; otherwise writes nothing. */
    private boolean wroteAscii(int shortCode, int anyCode, int n) {
        int start = len;
        header(shortCode, anyCode, n);
        ensure(n);
        if (copiedAsAscii(n)) {
            return true;
        }
        len = start;
        return false;
    }

    /** A length of up to 31 is folded into the code; a longer one follows the code as a stop-bit number. */
    private void header(int shortCode, int anyCode, int bytes) {
        if (bytes < SHORT_LIMIT) {
            put(shortCode + bytes);
        } else {
            put(anyCode);
            stopBit(bytes);
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

    /** Replaces each surrogate of the first {@code n} chars that is not half of a pair; returns whether any was. */
    private boolean replaceUnpairedSurrogates(int n) {
        char[] text = chars;
        boolean replaced = false;
        for (int i = 0; i < n; i++) {
            char c = text[i];
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text[i + 1])) {
                i++;
            } else {
                text[i] = REPLACEMENT;
                replaced = true;
            }
        }
        return replaced;
    }

    /** Copies the first {@code n} chars as bytes; returns false, leaving {@code len} alone, if one was not ASCII. */
    private boolean copiedAsAscii(int n) {
        byte[] out = buf;
        char[] in = chars;
        int at = len;
        int seen = 0;
        for (int i = 0; i < n; i++) {
            char c = in[i];
            seen |= c;
            out[at + i] = (byte) c;
        }
        if (seen >= 0x80) {
            return false;
        }
        len = at + n;
        return true;
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
        put(INT32);
        ensure(Integer.BYTES);
        INT_LE.set(buf, len, value);
        len += Integer.BYTES;
    }

    private void int64(long value) {
        put(INT64);
        ensure(Long.BYTES);
        LONG_LE.set(buf, len, value);
        len += Long.BYTES;
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
