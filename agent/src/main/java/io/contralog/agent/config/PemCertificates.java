package io.contralog.agent.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the X.509 certificates of a PEM file, such as a webhook's {@code caFile}.
 *
 * <p>Only {@code BEGIN CERTIFICATE} blocks count; text around them (the comments {@code openssl} writes) is
 * ignored, and a DER file is refused rather than guessed at, so that the message can say what to export.
 */
public final class PemCertificates {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----",
        Pattern.DOTALL);

    private PemCertificates() {
    }

    /**
     * Returns every certificate in the file, in file order.
     *
     * @throws IOException          when the file cannot be read
     * @throws CertificateException when it holds no certificate block or a block is not a valid certificate
     */
    public static List<X509Certificate> read(Path file) throws IOException, CertificateException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            certificates.add(decode(factory, m.group(1), certificates.size() + 1));
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("it holds no '-----BEGIN CERTIFICATE-----' block");
        }
        return certificates;
    }

    private static X509Certificate decode(CertificateFactory factory, String base64, int index)
        throws CertificateException {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64);
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException e) {
            throw new CertificateException("certificate block " + index + " is not a valid X.509 certificate ("
                + e.getMessage() + ")", e);
        }
    }
}
