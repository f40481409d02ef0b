package io.contralog.agent.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

/** What the agent's HTTP endpoint answers; implemented by the running agent. */
public interface Routes {

    /** A response: status, content type and body. */
    record Reply(HttpResponseStatus status, String contentType, byte[] body) {

        static Reply text(HttpResponseStatus status, String text) {
            return new Reply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }

        static Reply json(HttpResponseStatus status, byte[] json) {
            return new Reply(status, "application/json", json);
        }
    }

    /** Whether the process is alive enough to answer. */
    boolean healthy();

    /** Whether models are loaded and the queue is being read. */
    boolean ready();

    /** Prometheus text exposition. */
    String metrics();

    /** Recent alerts, newest first, as a JSON array. */
    byte[] recentAlerts();

    /**
     * Scores one posted sequence.
     *
     * @param body the request body
     * @return the response, a 400 with a message for a bad body
     */
    Reply score(byte[] body);
}
