package io.contralog.agent.cli;

import io.contralog.trainer.testing.TinyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckConfigCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CheckConfigCommand command = new CheckConfigCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }

    @Test
    void badConfigExitsWithTwoAndNamesTheKey() throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "queue:\n  dir: q\n  colour: blue\n");

        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown key 'queue.colour'");
    }

    @Test
    void realBundleIsCheckedAndASettingItCannotServeIsRefused() throws IOException {
        Path file = dir.resolve("agent.yaml");
        String base = "queue:\n  dir: q\nstate:\n  dir: s\nmodel:\n  dir: " + TinyBundle.get() + "\n";
        Files.writeString(file, base);
        assertThat(run("--config", file.toString())).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("config OK");

        Files.writeString(file, base + "session:\n  maxLength: 4096\n");
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("key 'model.dir'")
            .contains("session.maxLength");
    }

    @Test
    void missingOptionIsAUsageError() {
        assertThat(run()).isEqualTo(2);
    }
}
