package io.contralog.trainer.testing;

import io.contralog.model.bundle.Bundle;
import io.contralog.model.bundle.BundleException;
import io.contralog.model.session.SessionSpec;
import io.contralog.trainer.train.Preset;
import io.contralog.trainer.train.TrainOptions;
import io.contralog.trainer.train.TrainPipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The one {@code tiny} bundle a build shares between its tests: trained on generated request-flow logs
 * ({@link RequestFlowLogs}, sessions keyed by the {@code requestId} context field) the first time any test asks,
 * into the folder named by the system property {@code contralog.test.bundle.dir}, under a file lock so that test
 * JVMs of several modules never train it twice at once. A bundle that no longer loads is trained again.
 */
public final class TinyBundle {

    /** Seed of the generated training logs; tests generating held-out data should use another. */
    public static final long DATA_SEED = 7;
    /** Requests generated for training. */
    public static final int REQUESTS = 600;

    private static final String PROPERTY = "contralog.test.bundle.dir";

    private TinyBundle() {
    }

    /** Returns the folder of the shared tiny bundle, training it first if needed. */
    public static synchronized Path get() {
        Path root = Path.of(System.getProperty(PROPERTY, "target/test-bundles")).toAbsolutePath();
        Path bundle = root.resolve("tiny");
        try {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(root.resolve("tiny.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                if (!loads(bundle)) {
                    train(bundle);
                }
            }
            return bundle;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the shared tiny bundle in " + bundle, e);
        } catch (BundleException e) {
            throw new IllegalStateException("cannot write the shared tiny bundle in " + bundle, e);
        }
    }

    /** The session settings the tiny bundle is trained with. */
    public static SessionSpec session() {
        return new SessionSpec(null, RequestFlowLogs.KEY, Duration.ofSeconds(60), 0, SessionSpec.DEFAULT_MAX_LENGTH,
            SessionSpec.DEFAULT_IDLE_TIMEOUT);
    }

    private static boolean loads(Path bundle) {
        if (!Files.isRegularFile(bundle.resolve(Bundle.MANIFEST))) {
            return false;
        }
        try (Bundle loaded = Bundle.load(bundle)) {
            return loaded.manifest().threshold() != null;
        } catch (BundleException | RuntimeException e) {
            return false;
        }
    }

    private static void train(Path bundle) throws IOException, BundleException {
        TrainOptions options = TrainOptions.defaults(Preset.TINY).withSession(session())
            .withSources(java.util.List.of("generated request flows, seed " + DATA_SEED));
        TrainPipeline.run(new RequestFlowLogs(DATA_SEED).normal(REQUESTS), options, bundle);
    }
}
