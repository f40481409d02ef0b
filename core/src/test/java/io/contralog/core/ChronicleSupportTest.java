package io.contralog.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ChronicleSupportTest {

    @TempDir
    Path dir;

    @Test
    void findsNothingMissingWhenTheBuildPassesTheFlags() {
        assertThat(ChronicleSupport.missingJvmFlags()).isEmpty();
        assertThat(ChronicleSupport.missingJvmFlagsMessage()).isNull();
    }

    @Test
    void namesTheNewerFlagsForNewerJavaVersions() {
        List<String> missing = ChronicleSupport.missingJvmFlags(25, ChronicleSupport.class.getModule(), List.of());
        assertThat(missing).contains("--sun-misc-unsafe-memory-access=allow");
        assertThat(ChronicleSupport.missingJvmFlags(25, ChronicleSupport.class.getModule(),
            List.of("--sun-misc-unsafe-memory-access=allow"))).doesNotContain("--sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void aJvmWithoutTheFlagsKeepsRunningDropsEventsAndNamesEveryMissingFlag() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dchronicle.analytics.disable=true", "-cp", System.getProperty("java.class.path"),
            NoFlagsMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String output = read(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "JVM_FLAGS_MISSING", "written=0 dropped=3");
        assertThat(output.split("JVM_FLAGS_MISSING", -1)).hasSize(2);
    }

    @Test
    void writingLeavesTheHomeFolderUntouchedWithoutAnyAnalyticsProperty() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "-Duser.home=" + home,
            "-cp", System.getProperty("java.class.path"), NoFlagsMain.class.getName(), dir.resolve("queue").toString())
            .redirectErrorStream(true).start();
        String output = read(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("written=3 dropped=0");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files).as("files Chronicle left in the home folder").isEmpty();
        }
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
