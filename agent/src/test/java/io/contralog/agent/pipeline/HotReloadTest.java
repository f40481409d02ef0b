package io.contralog.agent.pipeline;

import io.contralog.agent.alert.Await;
import io.contralog.agent.config.AgentConfig;
import io.contralog.agent.config.ConfigLoader;
import io.contralog.trainer.testing.TinyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class HotReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void badBundleIsRefusedAndTheOldOneKeepsServingThenAGoodOneReplacesIt() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path live = models.resolve("shop");
        copy(TinyBundle.get(), live);
        Files.createDirectories(dir.resolve("queue"));
        Path config = AgentFixture.config(dir, "http://127.0.0.1:9/", "");
        Files.writeString(config, Files.readString(config).replace(TinyBundle.get().toString(), live.toString()));
        AgentConfig c = ConfigLoader.withSystemEnv().load(config);

        try (Models m = new Models(c); BundleWatcher watcher = new BundleWatcher(m)) {
            String before = m.forService("shop").version();

            Path broken = models.resolve("shop.next");
            copy(TinyBundle.get(), broken);
            Files.write(broken.resolve("tokenizer.json"), new byte[] {'{', '}'});
            swapIn(broken, live, models.resolve("shop.old1"));
            Await.until(WAIT, "the damaged bundle to be refused", () -> m.reloadsRefused() == 1);
            m.installStaged();
            assertThat(m.forService("shop").version()).isEqualTo(before);
            assertThat(m.forService("shop").scoreTexts(List.of(List.of("INFO X: still serving")))).hasSize(1);

            Path good = models.resolve("shop.next2");
            copy(TinyBundle.get(), good);
            Path manifest = good.resolve("manifest.json");
            Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"createdAt\" : \"[^\"]+\"",
                "\"createdAt\" : \"2030-01-01T00:00:00Z\""));
            swapIn(good, live, models.resolve("shop.old2"));
            Await.until(WAIT, "the new bundle to be accepted", () -> m.reloadsAccepted() == 1);
            m.installStaged();
            assertThat(m.forService("shop").version()).isEqualTo("tiny@2030-01-01T00:00:00Z");
            assertThat(m.forService("shop").scoreTexts(List.of(List.of("INFO X: new model")))).hasSize(1);
        }
    }

    private static void swapIn(Path fresh, Path live, Path aside) throws IOException {
        Files.move(live, aside, StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, live, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
