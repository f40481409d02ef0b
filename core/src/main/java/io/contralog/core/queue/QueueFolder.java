package io.contralog.core.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File-system checks on a queue folder that Chronicle would otherwise report obscurely. */
public final class QueueFolder {

    private QueueFolder() {
    }

    /**
     * Creates the folder if needed and checks that it can hold a queue.
     *
     * @throws IllegalStateException naming the folder and what is wrong with it
     */
    public static void prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is a file, not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create folder " + dir + ": " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalStateException("folder " + dir + " is not writable");
        }
    }

    /** The bytes used by the regular files directly in {@code dir}; 0 when it does not exist. */
    public static long size(Path dir) {
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                total += sizeOf(file);
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            // Deleted between listing and measuring.
            return 0;
        }
    }
}
