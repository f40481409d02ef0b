package io.contralog.model.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings of normal messages with their texts and counts: the context-free score's neighbours and the
 * explanations' "nearest normal message".
 *
 * <p>On disk: {@code reference.f32} holds float32 little-endian [count, dim] rows, L2-normalised;
 * {@code reference.jsonl} one {@code {"text": ..., "count": n}} per row, in the same order.
 *
 * @param vectors row-major [count, dim]
 * @param dim     embedding width
 * @param texts   the text of each row
 * @param counts  how often each text occurred in training
 */
public record ReferenceSet(float[] vectors, int dim, List<String> texts, long[] counts) {

    /** File name of the vectors. */
    public static final String VECTORS_FILE = "reference.f32";
    /** File name of the texts. */
    public static final String TEXTS_FILE = "reference.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks that the parts agree. */
    public ReferenceSet {
        texts = List.copyOf(texts);
        if (dim < 1 || vectors.length != texts.size() * dim || counts.length != texts.size()) {
            throw new IllegalArgumentException("reference set parts disagree: " + vectors.length + " floats, dim "
                + dim + ", " + texts.size() + " texts, " + counts.length + " counts");
        }
    }

    /** Number of reference messages. */
    public int size() {
        return texts.size();
    }

    /** Writes both files into {@code dir}. */
    public void write(Path dir) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(vectors.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(vectors);
        Files.write(dir.resolve(VECTORS_FILE), buf.array());
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(TEXTS_FILE), StandardCharsets.UTF_8)) {
            for (int i = 0; i < texts.size(); i++) {
                ObjectNode line = JSON.createObjectNode().put("text", texts.get(i)).put("count", counts[i]);
                w.write(JSON.writeValueAsString(line));
                w.write('\n');
            }
        }
    }

    /** Reads both files from {@code dir}, checking that their sizes agree with {@code dim}. */
    public static ReferenceSet read(Path dir, int dim) throws BundleException {
        Path textsFile = dir.resolve(TEXTS_FILE);
        Path vectorsFile = dir.resolve(VECTORS_FILE);
        List<String> texts = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(textsFile, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                if (node == null || !node.path("text").isTextual()) {
                    throw new BundleException(textsFile, "line " + lineNo + " has no \"text\"");
                }
                texts.add(node.get("text").asText());
                counts.add(node.path("count").asLong(1));
            }
        } catch (IOException e) {
            throw new BundleException(textsFile, "cannot be read: " + e.getMessage(), e);
        }
        float[] vectors = readVectors(vectorsFile, texts.size(), dim);
        return new ReferenceSet(vectors, dim, texts, counts.stream().mapToLong(Long::longValue).toArray());
    }

    private static float[] readVectors(Path file, int rows, int dim) throws BundleException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BundleException(file, "cannot be read: " + e.getMessage(), e);
        }
        long expected = (long) rows * dim * Float.BYTES;
        if (bytes.length != expected) {
            throw new BundleException(file, "holds " + bytes.length + " bytes but " + rows + " texts of width "
                + dim + " need " + expected + " (shape mismatch with " + TEXTS_FILE + " or the manifest's dim)");
        }
        float[] vectors = new float[rows * dim];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vectors);
        return vectors;
    }
}
