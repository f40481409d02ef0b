package io.contralog.model.bundle;

import ai.onnxruntime.OrtException;
import io.contralog.model.score.OnnxScorer;
import io.contralog.model.score.ScorerOptions;
import io.contralog.model.tokenize.BpeTokenizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a bundle into a temporary sibling folder and moves it into place only when complete.
 *
 * <p>Files go into {@link #dir()}; {@link #openForScoring(Manifest, ScorerOptions)} opens what is there so that
 * fusion and threshold are fitted by the same code the agent runs; {@link #commit(Manifest)} writes the manifest
 * last with a SHA-256 of every other file and renames the folder into place. An existing bundle at the target is
 * first renamed away, then the new one renamed in, then the old one deleted, so a reader sees the old bundle,
 * briefly no bundle, or the new one, never a mixture. Closing without committing deletes the temporary folder.
 */
public final class BundleWriter implements AutoCloseable {

    private final Path target;
    private final Path dir;
    private boolean committed;

    private BundleWriter(Path target, Path dir) {
        this.target = target;
        this.dir = dir;
    }

    /** Starts a bundle that {@link #commit(Manifest)} will place at {@code target}. */
    public static BundleWriter create(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        checkReplaceable(abs);
        return new BundleWriter(abs, createWorkFolder(parent, "." + abs.getFileName() + ".tmp-"));
    }

    /**
     * Creates the temporary folder like {@code mkdir}, honouring the umask: a temporary-file folder would be
     * private to its owner and stay so after the rename, so that an agent running as another user could not read
     * the bundle.
     */
    private static Path createWorkFolder(Path parent, String prefix) throws IOException {
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; ; attempt++) {
            try {
                return Files.createDirectory(parent.resolve(prefix + Long.toUnsignedString(random.nextLong(), 36)));
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** The temporary folder the bundle's files are written into. */
    public Path dir() {
        return dir;
    }

    /** Where the bundle will be once committed. */
    public Path target() {
        return target;
    }

    /** Writes {@code tokenizer.json}. */
    public void writeTokenizer(BpeTokenizer tokenizer) throws IOException {
        tokenizer.save(dir.resolve(Bundle.TOKENIZER));
    }

    /** Writes a reference set computed elsewhere. */
    public void writeReference(ReferenceSet reference) throws IOException {
        reference.write(dir);
    }

    /**
     * Builds and writes the reference set from normal texts and their counts with the encoders already written:
     * texts that tokenize identically are merged (they embed identically), the most frequent {@code cap} are
     * kept, ties broken by text so the result is reproducible.
     */
    public ReferenceSet writeReference(Map<String, Long> textCounts, int cap, Manifest draft,
                                       ScorerOptions options) throws IOException, BundleException {
        BpeTokenizer tokenizer = readTokenizer();
        List<Map.Entry<String, Long>> ordered = new ArrayList<>(textCounts.entrySet());
        ordered.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<TokenKey, Integer> seen = new HashMap<>();
        List<String> texts = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Map.Entry<String, Long> e : ordered) {
            TokenKey key = new TokenKey(tokenizer.encode(e.getKey()));
            Integer at = seen.get(key);
            if (at != null) {
                counts.set(at, counts.get(at) + e.getValue());
            } else if (texts.size() < cap) {
                seen.put(key, texts.size());
                texts.add(e.getKey());
                counts.add(e.getValue());
            }
        }
        float[][] vectors = embed(texts, draft, options);
        int dim = draft.dims().dim();
        float[] flat = new float[texts.size() * dim];
        for (int i = 0; i < vectors.length; i++) {
            System.arraycopy(vectors[i], 0, flat, i * dim, dim);
        }
        ReferenceSet reference = new ReferenceSet(flat, dim, texts, counts.stream().mapToLong(Long::longValue)
            .toArray());
        writeReference(reference);
        return reference;
    }

    /** Opens the files written so far for scoring, with a draft manifest (no checksums are checked). */
    public Bundle openForScoring(Manifest draft, ScorerOptions options) throws BundleException {
        return Bundle.open(dir, draft, options, false);
    }

    /** Opens the files written so far for scoring on the CPU with default options. */
    public Bundle openForScoring(Manifest draft) throws BundleException {
        return openForScoring(draft, ScorerOptions.defaults());
    }

    /**
     * Writes the manifest with the SHA-256 of every other file, then moves the folder to the target, replacing
     * an older bundle there. Returns the target.
     */
    public Path commit(Manifest manifest) throws IOException {
        for (String name : Bundle.REQUIRED_FILES) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new IOException(dir.resolve(name) + " was never written; a bundle needs "
                    + Bundle.REQUIRED_FILES);
            }
        }
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (!name.equals(Bundle.MANIFEST)) {
                    sums.put(name, Checksums.sha256(f));
                }
            }
        }
        writeSynced(dir.resolve(Bundle.MANIFEST), manifest.withSha256(sums).toJson());
        swapIntoPlace();
        committed = true;
        return target;
    }

    /** Deletes the temporary folder unless the bundle was committed. */
    @Override
    public void close() throws IOException {
        if (!committed && Files.exists(dir)) {
            deleteTree(dir);
        }
    }

    private BpeTokenizer readTokenizer() throws IOException {
        Path file = dir.resolve(Bundle.TOKENIZER);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " must be written before the reference set");
        }
        return BpeTokenizer.load(file);
    }

    private float[][] embed(List<String> texts, Manifest draft, ScorerOptions options) throws BundleException {
        try (Bundle partial = Bundle.open(dir, draft, options.withCacheSize(0), false)) {
            OnnxScorer scorer = partial.scorer();
            return scorer.embedUncached(texts);
        } catch (OrtException e) {
            throw new BundleException(dir.resolve(Bundle.MESSAGE_ENCODER), "failed to embed the reference set: "
                + e.getMessage(), e);
        }
    }

    private void swapIntoPlace() throws IOException {
        checkReplaceable(target);
        if (Files.isDirectory(target) && isEmpty(target)) {
            Files.delete(target);
        }
        if (!Files.exists(target)) {
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteTree(old);
    }

    private static void checkReplaceable(Path target) throws IOException {
        if (Files.exists(target) && (!Files.isDirectory(target)
            || !isEmpty(target) && !Files.exists(target.resolve(Bundle.MANIFEST)))) {
            throw new IOException(target + " exists and is not a model bundle; choose another output folder or"
                + " remove it");
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.findAny().isEmpty();
        }
    }

    private static void writeSynced(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Token ids as a map key. */
    private record TokenKey(int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TokenKey k && Arrays.equals(ids, k.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return Arrays.toString(ids);
        }
    }
}
