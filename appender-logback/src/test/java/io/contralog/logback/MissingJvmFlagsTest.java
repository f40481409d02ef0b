package io.contralog.logback;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MissingJvmFlagsTest {

    @TempDir
    Path dir;

    @Test
    void anApplicationWithoutChroniclesFlagsKeepsRunningAndIsToldWhichFlagsToAdd() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), NoFlagsApp.class.getName(), dir.resolve("q").toString())
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("ContraLog appender 'queue': Chronicle Queue cannot run in this JVM: add these"
            + " flags to the java command line: --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"
            + " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "droppedUnavailable=3", "application finished");
        assertThat(output.split("cannot run in this JVM", -1)).hasSize(2);
    }
}
