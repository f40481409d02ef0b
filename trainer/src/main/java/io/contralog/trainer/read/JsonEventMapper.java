package io.contralog.trainer.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps one JSON log object onto the queue's event shape. It knows the queue's own keys (as {@code dump-queue}
 * writes them), Logstash's logback encoder, Elastic Common Schema (flat dotted or nested keys) and Log4j2's
 * JsonLayout and JsonTemplateLayout.
 *
 * <p>Implementation notes: the Logstash encoder writes MDC entries as top-level fields, so other top-level text or
 * number fields go into the context (up to {@value #MAX_CTX} of them); they never reach the model's text.
 */
final class JsonEventMapper {

    private static final int MAX_CTX = 32;
    private static final List<String> TS = List.of("ts", "@timestamp", "timestamp", "time", "date", "timeMillis");
    private static final List<String> LEVEL = List.of("level", "log.level", "severity", "loglevel", "levelname");
    private static final List<String> LOGGER = List.of("logger_name", "logger", "loggerName", "log.logger",
        "logger.name");
    private static final List<String> THREAD = List.of("thread_name", "thread", "threadName",
        "process.thread.name");
    private static final List<String> MSG = List.of("msg", "message", "@message", "short_message");
    private static final List<String> SERVICE = List.of("service", "service.name", "app", "application");
    private static final List<String> HOST = List.of("host", "host.name", "hostname", "HOSTNAME");
    private static final List<String> PID = List.of("pid", "process.pid");
    private static final List<String> CTX = List.of("ctx", "mdc", "contextMap", "context", "labels");
    private static final Set<String> NOT_CTX = Set.of("v", "ts", "@timestamp", "timestamp", "time", "date",
        "timeMillis", "instant", "level", "log.level", "severity", "loglevel", "levelname", "logger_name", "logger",
        "loggerName", "log.logger", "thread_name", "thread", "threadName", "process.thread.name", "msg", "message",
        "@message", "service", "service.name", "host", "host.name", "hostname", "HOSTNAME", "pid", "process.pid",
        "seq", "truncated", "@version", "level_value", "stack_trace", "thrown", "exception", "error.type",
        "error.message", "error.stack_trace", "ecs.version", "endOfBatch", "loggerFqcn", "threadId",
        "threadPriority", "caller", "source", "type", "log", "process", "ecs");

    private final ReadOptions options;
    private final String defaultService;

    JsonEventMapper(ReadOptions options, String defaultService) {
        this.options = options;
        this.defaultService = defaultService;
    }

    LogEvent map(JsonNode node, long fallbackTs, long seq) {
        long ts = timestamp(node);
        Message msg = Message.cut(text(node, MSG), options.maxMessageChars());
        String service = text(node, SERVICE);
        LogEvent.Builder event = LogEvent.builder().ts(ts == Timestamps.UNKNOWN ? fallbackTs : ts)
            .level(Levels.normalise(text(node, LEVEL))).logger(text(node, LOGGER)).thread(text(node, THREAD))
            .msg(msg.text()).truncated(msg.truncated() || node.path("truncated").asBoolean(false))
            .error(error(node)).ctx(ctx(node)).service(service.isEmpty() ? defaultService : service)
            .host(text(node, HOST)).pid(number(node, PID, -1));
        JsonNode sequence = node.get("seq");
        return event.seq(sequence != null && sequence.canConvertToLong() ? sequence.asLong() : seq).build();
    }

    private long timestamp(JsonNode node) {
        JsonNode instant = node.get("instant");
        if (instant != null && instant.has("epochSecond")) {
            return instant.path("epochSecond").asLong() * 1_000_000_000L + instant.path("nanoOfSecond").asLong();
        }
        JsonNode value = find(node, TS);
        if (value == null) {
            return Timestamps.UNKNOWN;
        }
        if (value.isNumber()) {
            return Timestamps.fromEpochNumber(value.asLong());
        }
        return Timestamps.parse(value.asText());
    }

    private ErrorInfo error(JsonNode node) {
        JsonNode error = node.get("error");
        if (error != null && error.isObject() && error.has("class")) {
            return queueError(error, 0);
        }
        JsonNode thrown = node.get("thrown");
        if (thrown != null && thrown.isObject()) {
            return log4jError(thrown, 0);
        }
        String trace = firstText(node, "stack_trace", "error.stack_trace", "exception");
        if (!trace.isEmpty()) {
            ErrorInfo parsed = StackTraces.parseText(trace, options.maxFrames());
            if (parsed != null) {
                return parsed;
            }
        }
        String type = firstText(node, "error.type");
        return type.isEmpty() ? null : new ErrorInfo(type, blankToNull(firstText(node, "error.message")), null, null);
    }

    private ErrorInfo queueError(JsonNode error, int depth) {
        List<String> frames = new ArrayList<>();
        for (JsonNode frame : error.path("frames")) {
            if (frames.size() < options.maxFrames()) {
                frames.add(frame.asText());
            }
        }
        JsonNode cause = error.get("cause");
        ErrorInfo next = cause != null && cause.isObject() && depth < 16 ? queueError(cause, depth + 1) : null;
        return new ErrorInfo(error.path("class").asText(), nullableText(error.get("message")), frames, next);
    }

    private ErrorInfo log4jError(JsonNode thrown, int depth) {
        List<String> frames = new ArrayList<>();
        for (JsonNode frame : thrown.path("extendedStackTrace")) {
            if (frames.size() < options.maxFrames()) {
                frames.add(frame.path("class").asText() + "." + frame.path("method").asText() + "("
                    + frame.path("file").asText() + ":" + frame.path("line").asText() + ")");
            }
        }
        JsonNode cause = thrown.get("cause");
        ErrorInfo next = cause != null && cause.isObject() && depth < 16 ? log4jError(cause, depth + 1) : null;
        return new ErrorInfo(thrown.path("name").asText(), nullableText(thrown.get("message")), frames, next);
    }

    private Map<String, String> ctx(JsonNode node) {
        Map<String, String> ctx = new LinkedHashMap<>();
        JsonNode nested = find(node, CTX);
        if (nested != null && nested.isObject()) {
            addScalars(nested, ctx);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext() && ctx.size() < MAX_CTX) {
            Map.Entry<String, JsonNode> field = fields.next();
            boolean known = NOT_CTX.contains(field.getKey()) || CTX.contains(field.getKey());
            if (!known && field.getValue().isValueNode() && !field.getValue().isNull()) {
                ctx.put(field.getKey(), field.getValue().asText());
            }
        }
        return ctx;
    }

    private static void addScalars(JsonNode object, Map<String, String> ctx) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext() && ctx.size() < MAX_CTX) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                ctx.put(field.getKey(), field.getValue().asText());
            }
        }
    }

    /** Finds the first of {@code keys}, each either a flat (possibly dotted) key or a nested path. */
    private static JsonNode find(JsonNode node, List<String> keys) {
        for (String key : keys) {
            JsonNode value = node.get(key);
            if (value == null && key.indexOf('.') > 0) {
                value = node.at("/" + key.replace('.', '/'));
                value = value.isMissingNode() ? null : value;
            }
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, List<String> keys) {
        JsonNode value = find(node, keys);
        return value == null || value.isContainerNode() ? "" : value.asText();
    }

    private static String firstText(JsonNode node, String... keys) {
        return text(node, List.of(keys));
    }

    private static long number(JsonNode node, List<String> keys, long fallback) {
        JsonNode value = find(node, keys);
        if (value == null) {
            return fallback;
        }
        if (value.canConvertToLong()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText().strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String nullableText(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
