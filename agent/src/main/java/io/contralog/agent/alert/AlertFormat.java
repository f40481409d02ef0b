package io.contralog.agent.alert;

import io.contralog.agent.config.WebhookConfig;

/** Turns an alert into the request one kind of receiver understands. */
public interface AlertFormat {

    /**
     * Builds the request of one attempt; called again for every retry, with the same alert. Every format keeps
     * the body within {@link AlertBounds}.
     *
     * @param alert the alert, already redacted
     * @param nowSeconds the attempt's time in epoch seconds
     */
    HttpRequestSpec render(Alert alert, long nowSeconds);

    /** The format configured for a destination. */
    static AlertFormat of(WebhookConfig config) {
        return switch (config.format()) {
            case JSON -> new JsonWebhookFormat(config);
            case ALERTMANAGER -> new AlertmanagerFormat(config);
            case SLACK -> new SlackFormat(config);
        };
    }
}
