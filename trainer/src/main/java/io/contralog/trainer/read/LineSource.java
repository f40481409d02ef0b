package io.contralog.trainer.read;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Lines of one text file, read one at a time: gzip recognised by its magic bytes whatever the file's name,
 * invalid UTF-8 replaced rather than fatal, CR LF and lone CR ends accepted, ANSI colour codes removed.
 */
public final class LineSource implements Closeable {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final int BUFFER = 1 << 16;

    private final Path file;
    private final BufferedReader reader;
    private long lineNumber;

    private LineSource(Path file, BufferedReader reader) {
        this.file = file;
        this.reader = reader;
    }

    /** Opens {@code file}; a missing, unreadable or non-regular file is a {@link LogReadException}. */
    public static LineSource open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LogReadException("Cannot read " + file + ": no such file (give an existing log file)");
        }
        if (!Files.isReadable(file)) {
            throw new LogReadException("Cannot read " + file + ": permission denied");
        }
        try {
            return new LineSource(file, new BufferedReader(new InputStreamReader(decompressed(file), decoder()),
                BUFFER));
        } catch (IOException e) {
            throw new LogReadException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns whether the file starts with the gzip magic bytes. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Returns the next line without its line end and colour codes, or null at the end. */
    public String readLine() throws IOException {
        String line = reader.readLine();
        if (line == null) {
            return null;
        }
        lineNumber++;
        return line.indexOf('\u001B') < 0 ? line : ANSI.matcher(line).replaceAll("");
    }

    /** Returns the number of the line last read, counting from one. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Returns the file being read. */
    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static InputStream decompressed(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        return gzip ? new GZIPInputStream(raw, BUFFER) : raw;
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
}
