package io.contralog.agent.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The alerts one destination has not yet taken, one file per alert in a folder of {@code state.dir}.
 *
 * <p>Implementation notes: a file is named by a spool sequence number of 20 digits, so that sorting names
 * restores arrival order after a restart. It is written to a temporary name, forced to disk and renamed,
 * and the folder is forced too, so a crash leaves either the whole alert or none of it. A delivered alert's
 * file is deleted; one the receiver refused for good moves to {@code failed/}, where an operator can read it.
 */
final class AlertSpool {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSpool.class);
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final Path failedDir;
    private long nextSeq;

    /**
     * One spooled alert.
     *
     * @param seq   its spool sequence number
     * @param file  its file
     * @param alert the alert
     * @param size  the file's size in bytes
     */
    record Entry(long seq, Path file, Alert alert, long size) {
    }

    AlertSpool(Path dir) {
        this.dir = dir;
        this.failedDir = dir.resolve("failed");
        try {
            Files.createDirectories(failedDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the alert spool folder " + dir
                + "; check that state.dir is writable", e);
        }
    }

    /** Reads every pending alert in arrival order; unreadable files are moved aside and logged. */
    List<Entry> load() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            ds.forEach(files::add);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Entry> entries = new ArrayList<>();
        for (Path f : files) {
            long seq = Long.parseLong(f.getFileName().toString().replace(SUFFIX, ""));
            nextSeq = Math.max(nextSeq, seq + 1);
            try {
                byte[] bytes = Files.readAllBytes(f);
                entries.add(new Entry(seq, f, AlertJson.MAPPER.readValue(bytes, Alert.class), bytes.length));
            } catch (IOException e) {
                LOG.warn("Spooled alert {} cannot be read ({}); moved to {} for inspection", f, e.getMessage(),
                    failedDir);
                Files.move(f, failedDir.resolve(f.getFileName() + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path t : tmp) {
                Files.deleteIfExists(t);
            }
        }
        return entries;
    }

    /** Writes the alert durably and returns its entry. */
    Entry append(Alert alert) throws IOException {
        long seq = nextSeq++;
        byte[] bytes = AlertJson.bytes(alert);
        String name = String.format("%020d", seq);
        Path tmp = dir.resolve(name + ".tmp");
        Path file = dir.resolve(name + SUFFIX);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        move(tmp, file);
        forceDir(dir);
        return new Entry(seq, file, alert, bytes.length);
    }

    void remove(Entry e) throws IOException {
        Files.deleteIfExists(e.file());
    }

    void fail(Entry e) throws IOException {
        Files.move(e.file(), failedDir.resolve(e.file().getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void forceDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a folder; the rename is then as durable as they make it.
        }
    }
}
