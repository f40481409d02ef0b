package io.contralog.agent.pipeline;

import io.contralog.agent.config.AgentConfig;
import io.contralog.agent.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelSlotTest {

    @TempDir
    Path dir;

    private AgentConfig config(String scoring) throws Exception {
        Files.createDirectories(dir.resolve("queue"));
        Path file = AgentFixture.config(dir, "http://127.0.0.1:9/", "");
        Files.writeString(file, Files.readString(file).replace("  batchDelay: 50ms", "  batchDelay: 50ms\n" + scoring));
        return ConfigLoader.withSystemEnv().load(file);
    }

    @Test
    void cudaWithoutItsLibrariesFallsBackToTheCpuAndScores() throws Exception {
        AgentConfig c = config("  provider: cuda\n");
        try (ModelSlot slot = ModelSlot.load(c.model().dir(), c)) {
            assertThat(slot.provider()).isEqualTo("cpu");
            assertThat(slot.scoreTexts(List.of(List.of("INFO X: hello", "WARN Y: world")))).hasSize(1);
        }
    }

    @Test
    void perServiceModelServesItsServiceAndTheDefaultServesTheRest() throws Exception {
        AgentConfig base = config("");
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, Files.readString(file).replace("model:\n  dir: " + base.model().dir(),
            "model:\n  dir: " + base.model().dir() + "\n  services:\n    payments: " + base.model().dir()));
        AgentConfig c = ConfigLoader.withSystemEnv().load(file);
        try (Models models = new Models(c)) {
            assertThat(models.names()).containsExactly(Models.DEFAULT, "payments");
            assertThat(models.slotOf("payments")).isEqualTo("payments");
            assertThat(models.slotOf("shop")).isEqualTo(Models.DEFAULT);
            assertThat(models.forService("payments")).isNotSameAs(models.forService("shop"));
        }
    }

    @Test
    void thresholdAndFalseAlarmTargetFromConfigReplaceTheBundles() throws Exception {
        AgentConfig fixed = config("  threshold: 123.5\n");
        try (ModelSlot slot = ModelSlot.load(fixed.model().dir(), fixed)) {
            assertThat(slot.scoreTexts(List.of(List.of("INFO X: hello"))).get(0).threshold()).isEqualTo(123.5);
        }
        AgentConfig target = config("  falseAlarmTarget: 0.5\n");
        AgentConfig plain = config("");
        try (ModelSlot t = ModelSlot.load(target.model().dir(), target);
             ModelSlot p = ModelSlot.load(plain.model().dir(), plain)) {
            double relaxed = t.scoreTexts(List.of(List.of("INFO X: hello"))).get(0).threshold();
            double strict = p.scoreTexts(List.of(List.of("INFO X: hello"))).get(0).threshold();
            assertThat(relaxed).isLessThan(strict);
        }
    }
}
