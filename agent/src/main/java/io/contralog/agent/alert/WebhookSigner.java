package io.contralog.agent.alert;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Signs a body as the Standard Webhooks spec says: {@code v1,} and base64 HMAC-SHA256 of {@code id.timestamp.body}. */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";

    private final byte[] key;

    /** Creates a signer for a {@code whsec_}-prefixed base64 secret. */
    public WebhookSigner(String secret) {
        String b64 = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        this.key = Base64.getDecoder().decode(b64);
    }

    /** Returns the value of the {@code webhook-signature} header. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
