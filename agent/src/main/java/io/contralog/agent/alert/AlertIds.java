package io.contralog.agent.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Derives an alert's id from its sequence's stable id, so that re-scoring a sequence after a restart re-derives it. */
public final class AlertIds {

    private AlertIds() {
    }

    /** Returns {@code alr_} and 32 hex digits of the SHA-256 of the sequence id. */
    public static String of(String sequenceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sequenceId.getBytes(StandardCharsets.UTF_8));
            return "alr_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
