package io.contralog.agent.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The model bundles the agent scores with: one default, and optionally one per service.
 *
 * @param dir      the default bundle folder; a new bundle renamed into place there is picked up while running
 * @param services bundle folders for particular services, by service name
 */
public record ModelConfig(Path dir, Map<String, Path> services) {

    /** Fills defaults for keys the file leaves out. */
    public ModelConfig {
        services = services == null ? Map.of() : Map.copyOf(services);
    }
}
