package io.contralog.agent.alert;

import io.contralog.agent.config.PemCertificates;
import io.contralog.agent.config.WebhookConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import java.io.IOException;
import java.security.cert.CertificateException;

/**
 * Builds the TLS client context of one alert destination: it trusts exactly the certificates of the
 * destination's {@code caFile}, or the JVM's trust store when there is none, and always verifies that the
 * receiver's certificate names the host of the URL.
 *
 * <p>Netty already defaults to HTTPS endpoint identification, but a system property can switch that default
 * off for the whole JVM; alerts carry log text, so the check is set here and cannot be lost that way.
 */
public final class ClientTls {

    /** The endpoint identification algorithm of RFC 2818: the certificate must name the host that was dialled. */
    public static final String HOSTNAME_VERIFICATION = "HTTPS";

    private ClientTls() {
    }

    /**
     * The context for this destination.
     *
     * @throws IllegalStateException when the trust store or the CA file cannot be loaded
     */
    public static SslContext forWebhook(WebhookConfig webhook) {
        SslContextBuilder builder = SslContextBuilder.forClient()
            .endpointIdentificationAlgorithm(HOSTNAME_VERIFICATION);
        if (webhook.caFile() != null) {
            try {
                builder.trustManager(PemCertificates.read(webhook.caFile()));
            } catch (IOException | CertificateException e) {
                throw new IllegalStateException("alert destination '" + webhook.name() + "': its caFile "
                    + webhook.caFile() + " cannot be used (" + e.getMessage() + "); run check-config for the fix", e);
            }
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new IllegalStateException("alert destination '" + webhook.name() + "': no TLS context ("
                + e.getMessage() + "); check the JVM's trust store or the caFile", e);
        }
    }
}
