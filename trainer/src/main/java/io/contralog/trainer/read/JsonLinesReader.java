package io.contralog.trainer.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads JSON lines, one log object per line, in any of the layouts {@link JsonEventMapper} knows. Lines that
 * are not JSON objects are skipped and counted; a file in which none of the first lines is one is an error.
 */
public final class JsonLinesReader implements LogReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LineSource source;
    private final JsonEventMapper mapper;
    private long lastTs;
    private long seq;
    private long skipped;

    private JsonLinesReader(LineSource source, JsonEventMapper mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    /** Opens {@code file}; fails naming it when none of its first lines is a JSON object. */
    public static JsonLinesReader open(Path file, ReadOptions options, String service) {
        boolean any = KnownLayouts.sample(file).stream().anyMatch(line -> parse(line) != null);
        if (!any) {
            throw new LogReadException("No line of " + file + " is a JSON object: use --format jsonl only for "
                + "JSON lines (one object per line)");
        }
        return new JsonLinesReader(LineSource.open(file), new JsonEventMapper(options, service));
    }

    @Override
    public LabeledEvent next() throws IOException {
        String line;
        while ((line = source.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = parse(line);
            if (node == null) {
                skipped++;
                continue;
            }
            LabeledEvent event = LabeledEvent.unlabeled(mapper.map(node, lastTs, seq++));
            lastTs = event.event().ts();
            return event;
        }
        return null;
    }

    /** Returns how many non-blank lines were not JSON objects. */
    public long skipped() {
        return skipped;
    }

    static JsonNode parse(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
