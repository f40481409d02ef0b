package io.contralog.agent.pipeline;

import io.contralog.trainer.testing.TinyBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes agent configs for tests: the shared tiny bundle, a queue and a state folder in a temporary folder. */
final class AgentFixture {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private AgentFixture() {
    }

    static Path config(Path dir, String hookUrl, String extra) throws IOException {
        Path bundle = TinyBundle.get();
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, """
            queue:
              dir: %s
              pollInterval: 5ms
            model:
              dir: %s
            state:
              dir: %s
            session:
              idleTimeout: 300ms
            scoring:
              batchDelay: 50ms
            http:
              port: 0
            alerts:
              grouping:
                window: 0s
              rateLimit:
                perService: 0
              retry:
                initialBackoff: 50ms
                maxBackoff: 500ms
              webhooks:
                - name: hook
                  url: %s
                  secret: %s
            %s
            """.formatted(dir.resolve("queue"), bundle, dir.resolve("state"), hookUrl, SECRET, extra));
        return file;
    }
}
