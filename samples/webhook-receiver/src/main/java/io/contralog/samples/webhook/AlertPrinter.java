package io.contralog.samples.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns an alert's JSON into a few readable lines: who alerted and how strongly, then each unexpected message
 * with its score and the normal message it most resembles. Field names are looked up leniently, so a body of
 * another shape (Alertmanager's list, Slack's text) still prints, and anything unrecognised prints as JSON.
 */
public final class AlertPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGES = 5;

    private final PrintStream out;

    public AlertPrinter(PrintStream out) {
        this.out = out;
    }

    /** Prints one delivery. */
    public synchronized void print(ReceivedAlert alert) {
        String check = alert.verified() ? "signature ok" : "unsigned";
        out.printf("%n=== alert %s (%s%s)%n", alert.id(), check, alert.repeat() ? ", repeated delivery" : "");
        try {
            printBody(JSON.readTree(alert.body()));
        } catch (IOException e) {
            out.println(alert.body());
        }
        out.flush();
    }

    private void printBody(JsonNode root) {
        if (root.hasNonNull("data") && root.get("data").isObject()) {
            out.printf("%s at %s%n", text(root, "type"), text(root, "timestamp"));
            printBody(root.get("data"));
        } else if (root.isArray()) {
            root.forEach(this::printLabelled);
        } else if (root.has("labels") || root.has("annotations")) {
            printLabelled(root);
        } else if (root.has("service") || root.has("score")) {
            printContraLog(root);
        } else if (root.hasNonNull("text")) {
            out.println(root.get("text").asText());
        } else {
            out.println(root.toPrettyString());
        }
    }

    private void printContraLog(JsonNode alert) {
        String session = text(alert, "sessionKey", "key", "session");
        out.printf("service %s on %s, %s, %s events from %s to %s%n", text(alert, "service"),
            text(alert, "host"), session.isEmpty() ? "window" : "session " + session, text(alert, "eventCount"),
            text(alert, "start", "startTime", "from"), text(alert, "end", "endTime", "to"));
        out.printf("score %s above threshold %s (model %s)%n", number(alert, "score"), number(alert, "threshold"),
            text(alert, "modelVersion", "model"));
        JsonNode messages = first(alert, "messages", "anomalousMessages", "topMessages");
        if (messages == null || !messages.isArray()) {
            return;
        }
        out.println("  in-context / context-free score, message:");
        int shown = 0;
        for (JsonNode m : messages) {
            if (shown++ == MAX_MESSAGES) {
                out.printf("  ... %d more%n", messages.size() - MAX_MESSAGES);
                break;
            }
            out.printf("  %s / %s  %s%n", number(m, "score", "inContext"), number(m, "contextFree"),
                text(m, "text", "message", "msg"));
            String nearest = text(m, "nearestNormal", "nearest");
            if (!nearest.isEmpty()) {
                out.printf("                 nearest normal: %s%n", nearest);
            }
        }
    }

    private void printLabelled(JsonNode alert) {
        out.println(fields(alert.path("labels")));
        Iterator<Map.Entry<String, JsonNode>> it = alert.path("annotations").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.printf("  %s: %s%n", e.getKey(), e.getValue().asText());
        }
    }

    private static String fields(JsonNode object) {
        StringBuilder sb = new StringBuilder();
        object.fields().forEachRemaining(e -> sb.append(e.getKey()).append('=').append(e.getValue().asText())
            .append(' '));
        return sb.toString().trim();
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String name : names) {
            if (node.hasNonNull(name)) {
                return node.get(name);
            }
        }
        return null;
    }

    private static String text(JsonNode node, String... names) {
        JsonNode value = first(node, names);
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String number(JsonNode node, String... names) {
        JsonNode value = first(node, names);
        if (value == null || !value.isNumber()) {
            return value == null ? "?" : value.asText();
        }
        return String.format("%.3f", value.doubleValue());
    }
}
