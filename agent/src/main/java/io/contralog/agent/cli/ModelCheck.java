package io.contralog.agent.cli;

import io.contralog.agent.config.AgentConfig;

/** Checks that the bundles a config names can serve its settings. */
final class ModelCheck {

    private ModelCheck() {
    }

    static void check(AgentConfig config) {
        // filled in once the bundle loader is wired: loads each bundle and compares session limits
    }
}
