package io.contralog.agent.config;

import io.contralog.agent.alert.TestCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.withEnv(Map.of("HOOK_SECRET", "whsec_"
        + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

    @BeforeEach
    void bundle() throws IOException {
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model/manifest.json"), "{}");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String MINIMAL = "queue:\n  dir: queue\nmodel:\n  dir: model\nstate:\n  dir: state\n";

    @Test
    void minimalFileGetsDefaultsAndPathsRelativeToTheFile() throws IOException {
        AgentConfig c = loader.load(write(MINIMAL));

        assertThat(c.queue().dir()).isEqualTo(dir.resolve("queue"));
        assertThat(c.http().bind()).isEqualTo("127.0.0.1");
        assertThat(c.scoring().provider()).isEqualTo(ScoringConfig.Provider.CPU);
        assertThat(c.scoring().batchSize()).isEqualTo(64);
        assertThat(c.alerts().webhooks()).isEmpty();
        assertThat(c.session().window()).isNull();
    }

    @Test
    void defaultsAreTheOnesTheReadmeReferenceShows() throws IOException {
        AgentConfig c = loader.load(write(MINIMAL + "alerts:\n  webhooks:\n    - url: http://127.0.0.1:9/hook\n"));

        assertThat(c.queue().tailer()).isEqualTo("contralog-agent");
        assertThat(c.queue().pollInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(c.session().maxOpen()).isEqualTo(100_000);
        assertThat(c.scoring().threads()).isEqualTo(1);
        assertThat(c.scoring().batchDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.scoring().cacheSize()).isEqualTo(100_000);
        assertThat(c.http().enabled()).isTrue();
        assertThat(c.http().port()).isEqualTo(9464);
        AlertsConfig a = c.alerts();
        assertThat(a.warmUp()).isZero();
        assertThat(a.topMessages()).isEqualTo(5);
        assertThat(a.recent()).isEqualTo(100);
        assertThat(a.retry()).isEqualTo(new AlertsConfig.RetryConfig(Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofHours(24)));
        assertThat(a.spool().maxSize().bytes()).isEqualTo(100L << 20);
        assertThat(a.grouping().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.rateLimit()).isEqualTo(new AlertsConfig.RateLimitConfig(20, Duration.ofMinutes(1)));
        WebhookConfig hook = a.webhooks().get(0);
        assertThat(hook.name()).isEqualTo("webhook-0");
        assertThat(hook.format()).isEqualTo(WebhookConfig.Format.JSON);
        assertThat(hook.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void zeroTurnsTheEventCountWindowOff() throws IOException {
        assertThat(loader.load(write(MINIMAL + "session:\n  windowEvents: 0\n")).session().windowEvents()).isZero();

        Path negative = write(MINIMAL + "session:\n  windowEvents: -1\n");
        assertThatThrownBy(() -> loader.load(negative)).hasMessageContaining("'session.windowEvents' is -1")
            .hasMessageContaining("use 0 or more");
    }

    @Test
    void caFileIsReadRelativeToTheConfigFile() throws IOException {
        TestCertificate.generate(dir, "dns:alerts.example.org").writePem(dir.resolve("receiver-ca.pem"));

        AgentConfig c = loader.load(write(MINIMAL + """
            alerts:
              webhooks:
                - url: https://alerts.example.org/hook
                  caFile: receiver-ca.pem
            """));

        assertThat(c.alerts().webhooks().get(0).caFile()).isEqualTo(dir.resolve("receiver-ca.pem"));
    }

    @Test
    void readsEveryKindOfValueAndSubstitutesEnvironment() throws IOException {
        AgentConfig c = loader.load(write(MINIMAL + """
            session:
              field: requestId
              idleTimeout: 2s
              windowEvents: 64
            scoring:
              provider: cuda
              falseAlarmTarget: 0.001
            http:
              port: 0
            alerts:
              warmUp: 5m
              spool:
                maxSize: 10MiB
              webhooks:
                - url: http://127.0.0.1:9/hook
                  secret: ${HOOK_SECRET}
                  timeout: 500ms
                - name: am
                  url: http://127.0.0.1:9093
                  format: alertmanager
                  headers:
                    X-Team: ${TEAM:-ops}
              redact:
                - pattern: 'password=\\S+'
            """));

        assertThat(c.session().field()).isEqualTo("requestId");
        assertThat(c.session().idleTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.scoring().provider()).isEqualTo(ScoringConfig.Provider.CUDA);
        assertThat(c.alerts().spool().maxSize().bytes()).isEqualTo(10L << 20);
        assertThat(c.alerts().webhooks().get(0).name()).isEqualTo("webhook-0");
        assertThat(c.alerts().webhooks().get(0).secret()).startsWith("whsec_MfKQ");
        assertThat(c.alerts().webhooks().get(0).timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.alerts().webhooks().get(1).format()).isEqualTo(WebhookConfig.Format.ALERTMANAGER);
        assertThat(c.alerts().webhooks().get(1).headers()).containsEntry("X-Team", "ops");
        assertThat(c.alerts().redact().get(0).replacement()).isEqualTo("[REDACTED]");
    }

    @Test
    void unknownKeyIsNamedWithItsPath() throws IOException {
        Path file = write(MINIMAL + "alerts:\n  webhooks:\n    - url: http://127.0.0.1:9/\n      formt: json\n");

        assertThatThrownBy(() -> loader.load(file))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("agent.yaml")
            .hasMessageContaining("unknown key 'alerts.webhooks[0].formt'")
            .hasMessageContaining("format");
    }

    @Test
    void wrongTypesNameTheKeyAndTheExpectedForm() throws IOException {
        Path threads = write(MINIMAL + "scoring:\n  threads: two\n");
        assertThatThrownBy(() -> loader.load(threads)).hasMessageContaining("'scoring.threads'")
            .hasMessageContaining("whole number");

        Path window = write(MINIMAL + "session:\n  window: 60 seconds\n");
        assertThatThrownBy(() -> loader.load(window)).hasMessageContaining("'session.window'")
            .hasMessageContaining("500ms");

        Path provider = write(MINIMAL + "scoring:\n  provider: tpu\n");
        assertThatThrownBy(() -> loader.load(provider)).hasMessageContaining("'scoring.provider'")
            .hasMessageContaining("cpu|cuda");

        Path list = write(MINIMAL + "alerts:\n  webhooks: http://127.0.0.1/\n");
        assertThatThrownBy(() -> loader.load(list)).hasMessageContaining("'alerts.webhooks'")
            .hasMessageContaining("list");
    }

    @Test
    void missingPiecesAreNamed() throws IOException {
        assertThatThrownBy(() -> loader.load(dir.resolve("absent.yaml"))).hasMessageContaining("no such file");

        Path noModel = write("queue:\n  dir: queue\nstate:\n  dir: state\n");
        assertThatThrownBy(() -> loader.load(noModel)).hasMessageContaining("'model.dir' is missing");

        Path badModel = write(MINIMAL.replace("dir: model", "dir: elsewhere"));
        assertThatThrownBy(() -> loader.load(badModel)).hasMessageContaining("'model.dir'")
            .hasMessageContaining("not a folder");

        Path env = write(MINIMAL + "alerts:\n  webhooks:\n    - url: http://127.0.0.1/\n      secret: ${NOPE}\n");
        assertThatThrownBy(() -> loader.load(env)).hasMessageContaining("'alerts.webhooks[0].secret'")
            .hasMessageContaining("NOPE");
    }

    @Test
    void fractionsForWholeNumbersAndRepeatedKeysAreNamed() throws IOException {
        Path fraction = write(MINIMAL + "scoring:\n  threads: 2.5\n");
        assertThatThrownBy(() -> loader.load(fraction)).hasMessageContaining("'scoring.threads'")
            .hasMessageContaining("whole number");

        Path twice = write(MINIMAL + "queue:\n  dir: other\n");
        assertThatThrownBy(() -> loader.load(twice)).hasMessageContaining("'queue' appears twice")
            .hasMessageNotContaining("DeserializationFeature");
    }

    /** A bundle the agent's user may not read is named as such, not as a folder without a manifest. */
    @Test
    void unreadableBundleIsNamedAsAPermissionProblem() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path model = dir.resolve("model");
        Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(model), "the superuser reads any folder, so the refusal cannot be shown");
            assertThatThrownBy(() -> loader.load(write(MINIMAL))).hasMessageContaining("'model.dir'")
                .hasMessageContaining("may not read").hasMessageContaining("chmod -R a+rX");
        } finally {
            Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void valuesThatBindButCannotWorkAreRefused() throws IOException {
        Path secret = write(MINIMAL + "alerts:\n  webhooks:\n    - url: http://127.0.0.1/\n      secret: hunter2\n");
        assertThatThrownBy(() -> loader.load(secret)).hasMessageContaining("'alerts.webhooks[0].secret'")
            .hasMessageContaining("whsec_");

        Path scheme = write(MINIMAL + "alerts:\n  webhooks:\n    - url: ftp://127.0.0.1/\n");
        assertThatThrownBy(() -> loader.load(scheme)).hasMessageContaining("'alerts.webhooks[0].url'");

        Path regex = write(MINIMAL + "session:\n  key: 'req=(\\w+'\n");
        assertThatThrownBy(() -> loader.load(regex)).hasMessageContaining("'session.key'")
            .hasMessageContaining("regex");

        Path many = write(MINIMAL + "alerts:\n  topMessages: 50\n");
        assertThatThrownBy(() -> loader.load(many)).hasMessageContaining("'alerts.topMessages' is 50")
            .hasMessageContaining("use 1 to 10");

        Path both = write(MINIMAL + "scoring:\n  threshold: 1.0\n  falseAlarmTarget: 0.01\n");
        assertThatThrownBy(() -> loader.load(both)).hasMessageContaining("scoring.threshold");
    }

    @Test
    void brokenYamlGivesTheLine() throws IOException {
        Path file = write("queue:\n  dir: [unclosed\n");
        assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("not valid YAML").hasMessageContaining("line");
    }
}
