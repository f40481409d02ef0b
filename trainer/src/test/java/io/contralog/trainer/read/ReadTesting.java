package io.contralog.trainer.read;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Small helpers for reader tests: write files, read them back whole. */
final class ReadTesting {

    private ReadTesting() {
    }

    static Path write(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    static Path writeGzip(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    static List<LabeledEvent> readAll(Path file, String format) throws IOException {
        return readAll(List.of(file), format, ReadOptions.defaults());
    }

    static List<LabeledEvent> readAll(List<Path> files, String format, ReadOptions options) throws IOException {
        try (LogReader reader = LogReaders.open(files, format, options)) {
            return reader.stream().toList();
        }
    }
}
