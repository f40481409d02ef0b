package io.contralog.agent.cli;

import io.contralog.agent.alert.TestCertificate;
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
    void caFileThatIsMissingOrNotPemOrOnPlainHttpIsRefusedByName() throws IOException {
        Path file = dir.resolve("agent.yaml");
        Path ca = dir.resolve("receiver-ca.pem");
        String base = "queue:\n  dir: q\nstate:\n  dir: s\nmodel:\n  dir: " + TinyBundle.get() + "\n"
            + "alerts:\n  webhooks:\n    - name: ops\n";
        String https = base + "      url: https://127.0.0.1:9443/hook\n      caFile: receiver-ca.pem\n";

        Files.writeString(file, https);
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(lastError()).contains("key 'alerts.webhooks[0].caFile'").contains(ca.toString())
            .contains("does not exist").contains("PEM file");

        Files.writeString(ca, "not a certificate\n");
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(lastError()).contains("key 'alerts.webhooks[0].caFile'").contains(ca.toString())
            .contains("no '-----BEGIN CERTIFICATE-----' block").contains("keytool -exportcert -rfc");

        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(lastError()).contains("key 'alerts.webhooks[0].caFile'")
            .contains("certificate block 1 is not a valid X.509 certificate");

        TestCertificate.generate(dir, "dns:localhost").writePem(ca);
        assertThat(run("--config", file.toString())).isEqualTo(0);

        Files.writeString(file, base + "      url: http://127.0.0.1:9080/hook\n      caFile: receiver-ca.pem\n");
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(lastError()).contains("key 'alerts.webhooks[0].caFile' is set")
            .contains("'alerts.webhooks[0].url' is 'http://127.0.0.1:9080/hook'").contains("https://");
    }

    @Test
    void webhookOrProxyPortOutOfRangeIsRefusedByNameBeforeAnyAlertIsSent() throws IOException {
        Path file = dir.resolve("agent.yaml");
        String base = "queue:\n  dir: q\nstate:\n  dir: s\nmodel:\n  dir: " + TinyBundle.get() + "\n"
            + "alerts:\n  webhooks:\n    - name: ops\n      url: http://127.0.0.1:9080/hook\n"
            + "    - name: chat\n";

        Files.writeString(file, base + "      url: http://127.0.0.1:99999/x\n");
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(lastError()).contains("key 'alerts.webhooks[1].url'").contains("'http://127.0.0.1:99999/x'")
            .contains("port 99999 is out of range").contains("1 to 65535");

        Files.writeString(file, base + "      url: http://127.0.0.1:0/x\n");
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(lastError()).contains("key 'alerts.webhooks[1].url'").contains("port 0 is out of range");

        String proxied = base + "      url: https://127.0.0.1/x\n      proxy: ";
        Files.writeString(file, proxied + "http://127.0.0.1:70000\n");
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(lastError()).contains("key 'alerts.webhooks[1].proxy'").contains("'http://127.0.0.1:70000'")
            .contains("port 70000 is out of range").contains("1 to 65535");

        Files.writeString(file, proxied + "socks5://127.0.0.1:1080\n");
        assertThat(run("--config", file.toString())).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("config OK");
    }

    private String lastError() {
        String all = err.toString(StandardCharsets.UTF_8).strip();
        err.reset();
        return all.substring(all.lastIndexOf('\n') + 1);
    }

    @Test
    void missingOptionIsAUsageError() {
        assertThat(run()).isEqualTo(2);
    }
}
