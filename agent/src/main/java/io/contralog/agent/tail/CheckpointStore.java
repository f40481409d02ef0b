package io.contralog.agent.tail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Keeps the agent's {@link Checkpoint} in {@code state.dir/checkpoint.json}, replaced atomically so that a crash
 * leaves the previous or the new checkpoint, never a torn one.
 */
public final class CheckpointStore {

    private static final ObjectMapper JSON = new ObjectMapper()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    /** A store in the given state folder. */
    public CheckpointStore(Path stateDir) {
        this.file = stateDir.resolve("checkpoint.json");
    }

    /** The stored checkpoint, or empty on a first start. */
    public Optional<Checkpoint> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Checkpoint.class));
        } catch (IOException e) {
            throw new IOException("checkpoint " + file + " cannot be read (" + e.getMessage()
                + "); move it away to restart from the queue's named position", e);
        }
    }

    /** Replaces the stored checkpoint durably. */
    public void write(Checkpoint checkpoint) throws IOException {
        Path tmp = file.resolveSibling("checkpoint.json.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(checkpoint)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
