package io.contralog.samples.replay;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines, on demand, an exception class with a given name, so that a replayed error reaches Log4j2 as a
 * throwable of the class the log printed even when that class is not on the replayer's class path.
 *
 * <p>Implementation notes: each class is the smallest valid class file (version 52) that extends
 * {@link Exception} and has one public constructor taking the message; it has no branches, so it needs no stack
 * map. Names in {@code java.*} cannot be defined outside the JDK; for those {@link #define} returns null.
 */
final class ExceptionClasses extends ClassLoader {

    private static final int ACC_PUBLIC_SUPER = 0x21;
    private static final int ACC_PUBLIC = 0x01;

    private final Map<String, Class<? extends Exception>> defined = new ConcurrentHashMap<>();

    ExceptionClasses() {
        super(ExceptionClasses.class.getClassLoader());
    }

    /** A class of that name extending {@link Exception} with a message constructor, or null when none can be. */
    Class<? extends Exception> define(String name) {
        if (name.startsWith("java.") || !name.matches("[\\w$]+(\\.[\\w$]+)*")) {
            return null;
        }
        return defined.computeIfAbsent(name, this::generate);
    }

    @SuppressWarnings("unchecked")
    private synchronized Class<? extends Exception> generate(String name) {
        byte[] bytes = classFile(name.replace('.', '/'));
        return (Class<? extends Exception>) defineClass(name, bytes, 0, bytes.length);
    }

    private static byte[] classFile(String internalName) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(52);
            constantPool(out, internalName);
            out.writeShort(ACC_PUBLIC_SUPER);
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(1);
            constructor(out);
            out.writeShort(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void constantPool(DataOutputStream out, String internalName) throws IOException {
        out.writeShort(10);
        utf8(out, internalName);
        classRef(out, 1);
        utf8(out, "java/lang/Exception");
        classRef(out, 3);
        utf8(out, "<init>");
        utf8(out, "(Ljava/lang/String;)V");
        out.writeByte(12);
        out.writeShort(5);
        out.writeShort(6);
        out.writeByte(10);
        out.writeShort(4);
        out.writeShort(7);
        utf8(out, "Code");
    }

    private static void constructor(DataOutputStream out) throws IOException {
        out.writeShort(ACC_PUBLIC);
        out.writeShort(5);
        out.writeShort(6);
        out.writeShort(1);
        out.writeShort(9);
        out.writeInt(18);
        out.writeShort(2);
        out.writeShort(2);
        out.writeInt(6);
        out.write(new byte[] {0x2a, 0x2b, (byte) 0xb7, 0x00, 0x08, (byte) 0xb1});
        out.writeShort(0);
        out.writeShort(0);
    }

    private static void utf8(DataOutputStream out, String value) throws IOException {
        out.writeByte(1);
        out.writeUTF(value);
    }

    private static void classRef(DataOutputStream out, int nameIndex) throws IOException {
        out.writeByte(7);
        out.writeShort(nameIndex);
    }
}
