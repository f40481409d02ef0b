package io.contralog.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One alert destination.
 *
 * @param name    a short name used in logs, metrics and the spool folder; defaults to its position
 * @param url     http or https URL; for Alertmanager its base URL or the full {@code /api/v2/alerts} URL
 * @param format  how the alert is written
 * @param secret  Standard Webhooks signing secret ({@code whsec_} followed by base64) for the json format
 * @param timeout connect plus response timeout of one attempt
 * @param proxy   optional {@code http://host:port} or {@code socks5://host:port} proxy
 * @param headers extra request headers, for example an authorization header
 * @param caFile  optional PEM file of the certificates an https receiver must chain to, instead of the JVM's
 *                trust store; relative to the config file
 */
public record WebhookConfig(String name, URI url, Format format, String secret, Duration timeout, URI proxy,
                            Map<String, String> headers, Path caFile) {

    /** Fills defaults for keys the file leaves out. */
    public WebhookConfig {
        format = format == null ? Format.JSON : format;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Returns this destination with the given name. */
    public WebhookConfig withName(String newName) {
        return new WebhookConfig(newName, url, format, secret, timeout, proxy, headers, caFile);
    }

    /** How an alert is written on the wire. */
    public enum Format {
        @JsonProperty("json") JSON,
        @JsonProperty("alertmanager") ALERTMANAGER,
        @JsonProperty("slack") SLACK
    }
}
