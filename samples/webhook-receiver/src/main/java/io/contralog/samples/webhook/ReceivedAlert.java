package io.contralog.samples.webhook;

import java.time.Instant;

/**
 * One delivery the receiver accepted: its Standard Webhooks id and timestamp, the raw JSON body, whether its
 * signature was checked, and whether the same id arrived before (a sender's retry).
 */
public record ReceivedAlert(String id, String timestamp, String body, boolean verified, boolean repeat,
                            Instant receivedAt) {
}
