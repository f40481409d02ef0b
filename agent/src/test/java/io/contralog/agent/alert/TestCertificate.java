package io.contralog.agent.alert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed EC certificate and its key, made by the JDK's own {@code keytool} so that tests need no
 * certificate library and no JDK internals.
 *
 * @param key         the private key, for a test server
 * @param certificate the certificate, whose subject alternative names are the ones asked for
 */
public record TestCertificate(PrivateKey key, X509Certificate certificate) {

    private static final String PASSWORD = "changeit";

    /**
     * Generates a certificate valid for the given names, for example {@code ip:127.0.0.1,dns:localhost}.
     *
     * @param dir a scratch folder for the key store
     */
    public static TestCertificate generate(Path dir, String subjectAltNames) throws IOException {
        Path store = Files.createTempFile(dir, "receiver", ".p12");
        Files.delete(store);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        // A short-lived tool JVM: the C1 compiler and serial GC roughly halve its start-up on a busy machine.
        run(List.of(keytool, "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-genkeypair", "-alias", "receiver",
            "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=contralog test receiver",
            "-ext", "SAN=" + subjectAltNames, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
            "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return new TestCertificate((PrivateKey) ks.getKey("receiver", PASSWORD.toCharArray()),
                (X509Certificate) ks.getCertificate("receiver"));
        } catch (GeneralSecurityException e) {
            throw new IOException("keytool wrote a key store that cannot be read: " + e.getMessage(), e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }

    /** Writes the certificate as PEM, as {@code keytool -exportcert -rfc} would, and returns the file. */
    public Path writePem(Path file) throws IOException {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
            return file;
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
    }
}
