package io.contralog.model.bundle;

import ai.onnxruntime.OrtException;
import io.contralog.model.score.OnnxScorer;
import io.contralog.model.score.ScorerOptions;
import io.contralog.model.text.CanonicalText;
import io.contralog.model.tokenize.BpeTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded, verified model bundle (contract 2) with its encoders open on ONNX Runtime.
 *
 * <p>{@link #load(Path)} refuses a bundle whose manifest is missing or unreadable, whose format or
 * canonical-text version differs, whose files are missing or fail their SHA-256, or whose encoders' inputs,
 * outputs or widths disagree with the manifest; the {@link BundleException} names the file and the problem.
 * Close the bundle to release the ONNX sessions.
 */
public final class Bundle implements AutoCloseable {

    /** File name of the manifest. */
    public static final String MANIFEST = "manifest.json";
    /** File name of the tokenizer. */
    public static final String TOKENIZER = "tokenizer.json";
    /** File name of the message encoder. */
    public static final String MESSAGE_ENCODER = "message_encoder.onnx";
    /** File name of the sequence encoder. */
    public static final String SEQUENCE_ENCODER = "sequence_encoder.onnx";
    /** Files every bundle holds besides the manifest. */
    public static final List<String> REQUIRED_FILES = List.of(TOKENIZER, MESSAGE_ENCODER, SEQUENCE_ENCODER,
        ReferenceSet.VECTORS_FILE, ReferenceSet.TEXTS_FILE);

    private final Path dir;
    private final Manifest manifest;
    private final BpeTokenizer tokenizer;
    private final ReferenceSet reference;
    private final OnnxScorer scorer;

    private Bundle(Path dir, Manifest manifest, BpeTokenizer tokenizer, ReferenceSet reference, OnnxScorer scorer) {
        this.dir = dir;
        this.manifest = manifest;
        this.tokenizer = tokenizer;
        this.reference = reference;
        this.scorer = scorer;
    }

    /** Loads and verifies a bundle, scoring on the CPU with default options. */
    public static Bundle load(Path dir) throws BundleException {
        return load(dir, ScorerOptions.defaults());
    }

    /** Loads and verifies a bundle with the given scoring options. */
    public static Bundle load(Path dir, ScorerOptions options) throws BundleException {
        if (!Files.isDirectory(dir)) {
            throw new BundleException(dir, "is not a model bundle folder (it does not exist or is a file)");
        }
        Manifest manifest = readManifest(dir.resolve(MANIFEST));
        checkVersions(dir.resolve(MANIFEST), manifest);
        verifyChecksums(dir, manifest);
        return open(dir, manifest, options, true);
    }

    /** Opens the parts of a bundle without checksums; used while a bundle is being written and fitted. */
    static Bundle open(Path dir, Manifest manifest, ScorerOptions options, boolean requireReference)
        throws BundleException {
        if (manifest.dims() == null) {
            throw new BundleException(dir.resolve(MANIFEST), "has no dims");
        }
        Dims dims = manifest.dims();
        BpeTokenizer tokenizer = readTokenizer(dir.resolve(TOKENIZER), dims);
        boolean hasReference = Files.exists(dir.resolve(ReferenceSet.TEXTS_FILE));
        ReferenceSet reference = requireReference || hasReference ? ReferenceSet.read(dir, dims.dim()) : null;
        int passes = manifest.scoring() == null ? 0 : manifest.scoring().maskPasses();
        OnnxScorer scorer = openScorer(dir, tokenizer, reference, dims, passes, options);
        try {
            ShapeCheck.messageEncoder(scorer.messageEncoder(), dir.resolve(MESSAGE_ENCODER), dims);
            ShapeCheck.sequenceEncoder(scorer.sequenceEncoder(), dir.resolve(SEQUENCE_ENCODER), dims);
        } catch (BundleException e) {
            closeQuietly(scorer);
            throw e;
        }
        return new Bundle(dir, manifest, tokenizer, reference, scorer);
    }

    /** The bundle folder. */
    public Path dir() {
        return dir;
    }

    /** The manifest. */
    public Manifest manifest() {
        return manifest;
    }

    /** The tokenizer. */
    public BpeTokenizer tokenizer() {
        return tokenizer;
    }

    /** The reference set of normal messages (null only in a bundle being written before it has one). */
    public ReferenceSet reference() {
        return reference;
    }

    /** The scorer over this bundle's encoders. */
    public OnnxScorer scorer() {
        return scorer;
    }

    @Override
    public void close() {
        closeQuietly(scorer);
    }

    private static Manifest readManifest(Path file) throws BundleException {
        if (!Files.isRegularFile(file)) {
            throw new BundleException(file, "is missing; the bundle is incomplete (was training interrupted?)");
        }
        try {
            return Manifest.fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new BundleException(file, "is not a readable manifest: " + e.getMessage(), e);
        }
    }

    private static void checkVersions(Path file, Manifest m) throws BundleException {
        if (m.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new BundleException(file, "format version " + m.formatVersion() + " is not supported (this"
                + " version reads " + Manifest.FORMAT_VERSION + "); retrain the model or upgrade");
        }
        if (m.canonicalTextVersion() != CanonicalText.VERSION) {
            throw new BundleException(file, "canonical text version " + m.canonicalTextVersion() + " differs from"
                + " this version's " + CanonicalText.VERSION + "; retrain the model");
        }
    }

    private static void verifyChecksums(Path dir, Manifest m) throws BundleException {
        for (String name : REQUIRED_FILES) {
            if (!m.sha256().containsKey(name)) {
                throw new BundleException(dir.resolve(name), "has no checksum in " + MANIFEST);
            }
        }
        for (Map.Entry<String, String> e : m.sha256().entrySet()) {
            Path file = dir.resolve(e.getKey()).normalize();
            if (!file.getParent().equals(dir.normalize())) {
                throw new BundleException(dir.resolve(MANIFEST), "lists a file outside the bundle: " + e.getKey());
            }
            if (!Files.isRegularFile(file)) {
                throw new BundleException(file, "is missing");
            }
            String actual;
            try {
                actual = Checksums.sha256(file);
            } catch (IOException ex) {
                throw new BundleException(file, "cannot be read: " + ex.getMessage(), ex);
            }
            if (!actual.equalsIgnoreCase(e.getValue())) {
                throw new BundleException(file, "bad checksum: SHA-256 is " + actual + " but the manifest says "
                    + e.getValue() + "; the file is damaged or was changed");
            }
        }
    }

    private static BpeTokenizer readTokenizer(Path file, Dims dims) throws BundleException {
        BpeTokenizer tokenizer;
        try {
            tokenizer = BpeTokenizer.load(file);
        } catch (IOException e) {
            throw new BundleException(file, "cannot be loaded: " + e.getMessage(), e);
        }
        if (tokenizer.vocabSize() > dims.vocabSize() || tokenizer.maxTokens() > dims.maxTokens()) {
            throw new BundleException(file, "shape mismatch: tokenizer has " + tokenizer.vocabSize() + " ids and "
                + tokenizer.maxTokens() + " tokens but the manifest's dims allow " + dims.vocabSize() + " and "
                + dims.maxTokens());
        }
        return tokenizer;
    }

    private static OnnxScorer openScorer(Path dir, BpeTokenizer tokenizer, ReferenceSet reference, Dims dims,
                                         int passes, ScorerOptions options) throws BundleException {
        for (String name : List.of(MESSAGE_ENCODER, SEQUENCE_ENCODER)) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new BundleException(dir.resolve(name), "is missing");
            }
        }
        try {
            return OnnxScorer.open(dir.resolve(MESSAGE_ENCODER), dir.resolve(SEQUENCE_ENCODER), tokenizer, reference,
                dims.dim(), dims.maxMessages(), passes, options);
        } catch (OrtException e) {
            String msg = String.valueOf(e.getMessage());
            Path culprit = msg.contains(SEQUENCE_ENCODER) ? dir.resolve(SEQUENCE_ENCODER)
                : dir.resolve(MESSAGE_ENCODER);
            throw new BundleException(culprit, "ONNX Runtime cannot load it: " + msg, e);
        }
    }

    private static void closeQuietly(OnnxScorer scorer) {
        try {
            scorer.close();
        } catch (OrtException e) {
            // nothing is left to release once closing failed; the bundle is being discarded anyway
        }
    }
}
