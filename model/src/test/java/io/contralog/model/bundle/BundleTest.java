package io.contralog.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.contralog.model.testing.TestBundles;
import io.contralog.model.testing.TestGraphs;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {

    @TempDir
    static Path shared;
    static Path good;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildOnce() throws Exception {
        good = TestBundles.build(shared.resolve("good"));
    }

    private Path copy() throws IOException {
        Path target = dir.resolve("copy");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(good)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    @Test
    void loadsAVerifiedBundleWithEveryFileChecksummed() throws Exception {
        try (Bundle b = Bundle.load(good)) {
            assertThat(b.manifest().sha256()).containsOnlyKeys(Bundle.REQUIRED_FILES);
            assertThat(b.manifest().threshold()).isNotNull();
            assertThat(b.reference().size()).isPositive();
            assertThat(b.tokenizer().maxTokens()).isEqualTo(TestBundles.MAX_TOKENS);
        }
        String json = Files.readString(good.resolve(Bundle.MANIFEST));
        assertThat(Manifest.fromJson(json).session().window()).isEqualTo(Duration.ofSeconds(60));
        assertThat(json).contains("\"window\" : \"60s\"").contains("\"falseAlarmTarget\" : 0.001");
    }

    @Test
    void refusesADamagedFileNamingIt() throws Exception {
        Path copy = copy();
        Files.write(copy.resolve(ReferenceSet.VECTORS_FILE), new byte[] {1, 2, 3, 4}, StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Bundle.load(copy)).isInstanceOf(BundleException.class)
            .hasMessageContaining(copy.resolve(ReferenceSet.VECTORS_FILE).toString())
            .hasMessageContaining("bad checksum");
    }

    @Test
    void refusesAMissingFileNamingIt() throws Exception {
        Path copy = copy();
        Files.delete(copy.resolve(Bundle.SEQUENCE_ENCODER));

        assertThatThrownBy(() -> Bundle.load(copy)).isInstanceOf(BundleException.class)
            .hasMessageContaining(copy.resolve(Bundle.SEQUENCE_ENCODER) + ": is missing");
    }

    @Test
    void refusesAMissingManifestAndAnotherFormatVersion() throws Exception {
        Path copy = copy();
        Path manifest = copy.resolve(Bundle.MANIFEST);
        String json = Files.readString(manifest);
        Files.writeString(manifest, json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 9"));
        assertThatThrownBy(() -> Bundle.load(copy)).hasMessageContaining(manifest.toString())
            .hasMessageContaining("format version 9");

        Files.delete(manifest);
        assertThatThrownBy(() -> Bundle.load(copy)).hasMessageContaining(manifest + ": is missing");
    }

    @Test
    void refusesAnEncoderWhoseWidthDisagreesWithTheManifest() throws Exception {
        Path copy = copy();
        TestGraphs.messageEncoder(copy.resolve(Bundle.MESSAGE_ENCODER), TestBundles.VOCAB, 16, 7);
        rewriteChecksums(copy);

        assertThatThrownBy(() -> Bundle.load(copy)).isInstanceOf(BundleException.class)
            .hasMessageContaining(copy.resolve(Bundle.MESSAGE_ENCODER).toString())
            .hasMessageContaining("shape mismatch");
    }

    @Test
    void refusesAnEncoderWithoutTheContractOutputName() throws Exception {
        Path copy = copy();
        TestGraphs.messageEncoder(copy.resolve(Bundle.MESSAGE_ENCODER), TestBundles.VOCAB, TestBundles.DIM, 7,
            "vector");
        rewriteChecksums(copy);

        assertThatThrownBy(() -> Bundle.load(copy)).hasMessageContaining(Bundle.MESSAGE_ENCODER)
            .hasMessageContaining("'embedding'");
    }

    @Test
    void replacesAnExistingBundleAndLeavesNoTemporaryFolders() throws Exception {
        Path target = dir.resolve("models").resolve("m");
        Manifest m = Manifest.fromJson(Files.readString(good.resolve(Bundle.MANIFEST)));
        rewrite(target, m.withSummaries(Map.of("generation", 1), Map.of()));
        rewrite(target, m.withSummaries(Map.of("generation", 2), Map.of()));

        try (Bundle b = Bundle.load(target)) {
            assertThat(b.manifest().trainingData()).containsEntry("generation", 2);
        }
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("m");
        }
    }

    /** An agent running as another user must be able to read a bundle wherever the umask lets it read a folder. */
    @Test
    void committedBundleFolderHasThePermissionsOfAnyNewFolder() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path target = dir.resolve("published").resolve("m");
        rewrite(target, Manifest.fromJson(Files.readString(good.resolve(Bundle.MANIFEST))));
        Path plain = Files.createDirectory(target.resolveSibling("plain"));

        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void refusesToReplaceAFolderThatIsNotABundleAndCleansUpWithoutCommit() throws Exception {
        Path notBundle = dir.resolve("docs");
        Files.createDirectories(notBundle);
        Files.writeString(notBundle.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> BundleWriter.create(notBundle)).hasMessageContaining("is not a model bundle");

        Path tmp;
        try (BundleWriter w = BundleWriter.create(dir.resolve("never"))) {
            tmp = w.dir();
            Files.writeString(tmp.resolve("x"), "partial");
            assertThatThrownBy(() -> w.commit(null)).hasMessageContaining("was never written");
        }
        assertThat(tmp).doesNotExist();
        assertThat(dir.resolve("never")).doesNotExist();
    }

    /** Writes the good bundle's files again through a writer, as a retrained bundle would be. */
    private static void rewrite(Path target, Manifest manifest) throws IOException {
        try (BundleWriter w = BundleWriter.create(target); Stream<Path> files = Files.list(good)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(Bundle.MANIFEST)) {
                    Files.copy(f, w.dir().resolve(f.getFileName()));
                }
            }
            w.commit(manifest);
        }
    }

    private static void rewriteChecksums(Path bundle) throws Exception {
        Manifest m = Manifest.fromJson(Files.readString(bundle.resolve(Bundle.MANIFEST)));
        Map<String, String> sums = new TreeMap<>();
        for (String name : List.of(Bundle.TOKENIZER, Bundle.MESSAGE_ENCODER, Bundle.SEQUENCE_ENCODER,
            ReferenceSet.VECTORS_FILE, ReferenceSet.TEXTS_FILE)) {
            sums.put(name, Checksums.sha256(bundle.resolve(name)));
        }
        Files.writeString(bundle.resolve(Bundle.MANIFEST), m.withSha256(sums).toJson());
    }
}
