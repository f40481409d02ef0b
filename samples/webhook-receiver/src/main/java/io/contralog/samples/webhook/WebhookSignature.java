package io.contralog.samples.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhook deliveries as the Standard Webhooks specification does: HMAC-SHA256 with the
 * secret's decoded bytes over {@code id.timestamp.body}, sent as {@code v1,<base64>} in {@code webhook-signature}
 * (several space-separated signatures allowed, so a sender can rotate secrets), with the timestamp in seconds
 * checked against a tolerance to refuse replays.
 */
public final class WebhookSignature {

    /** How far a delivery's timestamp may be from the receiver's clock, as the specification suggests. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String PREFIX = "whsec_";

    private final byte[] key;
    private final Duration tolerance;

    private WebhookSignature(byte[] key, Duration tolerance) {
        this.key = key;
        this.tolerance = tolerance;
    }

    /** Parses a secret in its {@code whsec_<base64>} form; the prefix may be left off. */
    public static WebhookSignature fromSecret(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            return new WebhookSignature(Base64.getDecoder().decode(encoded), DEFAULT_TOLERANCE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret is not whsec_ followed by base64: "
                + e.getMessage());
        }
    }

    /** A copy that accepts timestamps this far from now. */
    public WebhookSignature withTolerance(Duration newTolerance) {
        return new WebhookSignature(key, newTolerance);
    }

    /** The {@code v1,<base64>} signature of one delivery. */
    public String sign(String id, long timestampSeconds, String body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(id + "." + timestampSeconds + "." + body));
    }

    /** Checks a delivery's headers and body, returning null when it is genuine or the reason it is not. */
    public String problem(String id, String timestamp, String signatures, String body, Instant now) {
        if (id == null || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature header";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "webhook-timestamp '" + timestamp + "' is not a number of seconds";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return "webhook-timestamp " + seconds + " is more than " + tolerance.toSeconds() + " s from now";
        }
        byte[] expected = sign(id, seconds, body).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : signatures.trim().split("\\s+")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
        }
        return "no v1 signature in webhook-signature matches the body (wrong secret or altered body)";
    }

    private byte[] hmac(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
