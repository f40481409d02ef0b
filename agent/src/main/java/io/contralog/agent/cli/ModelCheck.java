package io.contralog.agent.cli;

import io.contralog.agent.config.AgentConfig;
import io.contralog.agent.config.ConfigException;
import io.contralog.agent.pipeline.ModelSlot;
import io.contralog.model.bundle.BundleException;

import java.nio.file.Path;
import java.util.Map;

/** Loads every bundle a config names, as {@code run} would, so that a bundle it cannot serve fails the check. */
final class ModelCheck {

    private ModelCheck() {
    }

    static void check(AgentConfig config) {
        load("model.dir", config.model().dir(), config);
        for (Map.Entry<String, Path> e : config.model().services().entrySet()) {
            load("model.services." + e.getKey(), e.getValue(), config);
        }
    }

    private static void load(String key, Path dir, AgentConfig config) {
        try (ModelSlot slot = ModelSlot.load(dir, config)) {
            slot.version();
        } catch (BundleException | RuntimeException e) {
            throw new ConfigException("key '" + key + "': " + e.getMessage());
        }
    }
}
