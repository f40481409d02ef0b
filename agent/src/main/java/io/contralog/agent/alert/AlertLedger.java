package io.contralog.agent.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequences the agent has already decided about (alerted, grouped, suppressed or rate-limited), kept in
 * {@code state.dir} so that re-reading events after a restart never raises a second alert for a sequence.
 *
 * <p>Implementation notes: one line per decision, appended and forced to disk before the decision counts.
 * Only anomalous sequences are recorded, so the file grows slowly; past twice its bound it is rewritten with
 * the newest half, because a sequence older than that lies far behind any checkpoint.
 */
final class AlertLedger implements AutoCloseable {

    private final Path file;
    private final int bound;
    private final Map<String, String> decisions = new LinkedHashMap<>();
    private FileChannel out;
    private int lines;

    AlertLedger(Path file, int bound) {
        this.file = file;
        this.bound = bound;
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        decisions.put(line.substring(0, tab), line.substring(tab + 1));
                        lines++;
                    }
                }
            }
            out = open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + "; check that state.dir is writable", e);
        }
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    synchronized boolean contains(String sequenceId) {
        return decisions.containsKey(sequenceId);
    }

    synchronized void record(String sequenceId, String decision) throws IOException {
        String line = sequenceId.replace('\t', ' ').replace('\n', ' ') + "\t" + decision + "\n";
        out.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        out.force(false);
        decisions.put(sequenceId, decision);
        lines++;
        if (lines > 2 * bound) {
            compact();
        }
    }

    private void compact() throws IOException {
        List<Map.Entry<String, String>> all = new ArrayList<>(decisions.entrySet());
        List<Map.Entry<String, String>> keep = all.subList(Math.max(0, all.size() - bound), all.size());
        StringBuilder b = new StringBuilder();
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : keep) {
            b.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
            kept.put(e.getKey(), e.getValue());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        out.close();
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        AlertSpool.forceDir(file.getParent());
        decisions.clear();
        decisions.putAll(kept);
        lines = kept.size();
        out = open();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
