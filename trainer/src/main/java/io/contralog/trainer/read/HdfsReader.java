package io.contralog.trainer.read;

import io.contralog.core.event.LogEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the HDFS layout ({@code <yyMMdd> <HHmmss> <pid> <LEVEL> <component>: <message>}). Sessions are blocks:
 * each event carries its block id in context field {@value #BLOCK_FIELD}, and a line that names several blocks
 * is read once per block (LogHub's rule). In the text every block id becomes the one token {@value #BLOCK_TOKEN},
 * so that the id itself, which never repeats, does not reach the model. Labels come from a {@code BlockId,Label}
 * file when one is given.
 */
public final class HdfsReader implements LogReader {

    /** Context field that holds the block id; the HDFS session spec keys on it. */
    public static final String BLOCK_FIELD = "block";

    /** The constant token that replaces block ids in messages. */
    public static final String BLOCK_TOKEN = "BLOCK";

    private static final Pattern LINE = Pattern.compile("^(\\d{6}) (\\d{6}) (\\d+) (\\w+) ([^:]*): ?(.*)$");
    private static final Pattern BLOCK = Pattern.compile("blk_-?\\d+");

    private final LineSource source;
    private final ReadOptions options;
    private final String service;
    private final LabelFile labels;
    private final ArrayDeque<LabeledEvent> ready = new ArrayDeque<>();
    private long lastTs;
    private long seq;

    private HdfsReader(LineSource source, ReadOptions options, String service, LabelFile labels) {
        this.source = source;
        this.options = options;
        this.service = service;
        this.labels = labels;
    }

    /** Opens {@code file}; {@code labels} may be null. */
    public static HdfsReader open(Path file, ReadOptions options, String service, LabelFile labels) {
        return new HdfsReader(LineSource.open(file), options, service, labels);
    }

    @Override
    public LabeledEvent next() throws IOException {
        while (ready.isEmpty()) {
            String line = source.readLine();
            if (line == null) {
                return null;
            }
            if (!line.isBlank()) {
                split(line);
            }
        }
        return ready.poll();
    }

    private void split(String line) {
        Matcher m = LINE.matcher(line);
        LogEvent.Builder event = LogEvent.builder().service(service).level("").logger("");
        String body = line;
        if (m.matches()) {
            lastTs = timestamp(m.group(1), m.group(2));
            event.pid(Long.parseLong(m.group(3))).level(Levels.normalise(m.group(4))).logger(m.group(5).strip());
            body = m.group(6);
        }
        Set<String> blocks = new LinkedHashSet<>();
        Matcher block = BLOCK.matcher(body);
        while (block.find()) {
            blocks.add(block.group());
        }
        Message msg = Message.cut(BLOCK.matcher(body).replaceAll(BLOCK_TOKEN).stripTrailing(),
            options.maxMessageChars());
        event.ts(lastTs).msg(msg.text()).truncated(msg.truncated());
        if (blocks.isEmpty()) {
            ready.add(new LabeledEvent(event.seq(seq++).build(), null));
        }
        for (String id : blocks) {
            Boolean label = labels == null ? null : labels.labelOf(id);
            ready.add(new LabeledEvent(event.ctx(Map.of(BLOCK_FIELD, id)).seq(seq++).build(), label));
        }
    }

    private long timestamp(String date, String time) {
        try {
            LocalDateTime t = LocalDateTime.of(2000 + Integer.parseInt(date.substring(0, 2)),
                Integer.parseInt(date.substring(2, 4)), Integer.parseInt(date.substring(4, 6)),
                Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(2, 4)),
                Integer.parseInt(time.substring(4, 6)));
            return Timestamps.toNanos(t.toInstant(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return lastTs;
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
