package io.contralog.trainer.read;

import io.contralog.core.event.LogEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a file written by a pattern layout: each line the layout matches starts an event, and the lines that
 * follow it (stack traces, multi-line messages) are joined to it and parsed into its message and error.
 *
 * <p>Implementation notes: one event is held back until the next matching line or the end of the file shows it
 * is complete, so memory stays bounded by the largest event (itself capped). Lines before the first matching
 * line (JVM warnings at the top of {@code catalina.out}) become events of their own, without level or logger.
 */
public final class PatternReader implements LogReader {

    private static final int MAX_CONTINUATION_LINES = 4096;

    private final LineSource source;
    private final PatternLayout layout;
    private final LinePrefix prefix;
    private final ReadOptions options;
    private final String service;
    private Pending pending;
    private long lastTs;
    private long seq;
    private boolean ended;

    private PatternReader(LineSource source, PatternLayout layout, LinePrefix prefix, ReadOptions options,
                          String service) {
        this.source = source;
        this.layout = layout;
        this.prefix = prefix;
        this.options = options;
        this.service = service;
    }

    /**
     * Opens {@code file} with {@code layout}; fails naming the file and the layout when none of its first lines
     * match.
     */
    public static PatternReader open(Path file, PatternLayout layout, LinePrefix prefix, ReadOptions options,
                                     String service) {
        requireSomeMatch(file, layout, prefix);
        return new PatternReader(LineSource.open(file), layout, prefix, options, service);
    }

    /** Opens {@code file} with a layout already known to match some of its lines. */
    static PatternReader openChecked(Path file, PatternLayout layout, LinePrefix prefix, ReadOptions options,
                                     String service) {
        return new PatternReader(LineSource.open(file), layout, prefix, options, service);
    }

    private static void requireSomeMatch(Path file, PatternLayout layout, LinePrefix prefix) {
        List<String> sample = KnownLayouts.sample(file);
        for (String line : sample) {
            if (layout.match(prefix.split(line).rest()) != null) {
                return;
            }
        }
        throw new LogReadException("No line of " + file + " (first " + sample.size()
            + " lines read) matches the layout '" + layout.source()
            + "': give the layout the application logs with --pattern, or use --format raw");
    }

    @Override
    public LabeledEvent next() throws IOException {
        while (!ended) {
            String line = source.readLine();
            if (line == null) {
                ended = true;
                break;
            }
            LinePrefix.Split split = prefix.split(line);
            ParsedLine parsed = layout.match(split.rest());
            if (parsed != null) {
                LabeledEvent done = pending == null ? null : pending.build();
                pending = new Pending(parsed, split.label());
                if (done != null) {
                    return done;
                }
            } else if (pending != null) {
                pending.addLine(split.rest());
            } else if (!split.rest().isBlank()) {
                return orphan(split);
            }
        }
        LabeledEvent last = pending == null ? null : pending.build();
        pending = null;
        return last;
    }

    private LabeledEvent orphan(LinePrefix.Split split) {
        Message text = Message.cut(split.rest(), options.maxMessageChars());
        LogEvent event = LogEvent.builder().ts(lastTs).level("").logger("").msg(text.text())
            .truncated(text.truncated()).service(service).seq(seq++).build();
        return new LabeledEvent(event, split.label());
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** The event being assembled from its first line and the lines after it. */
    private final class Pending {
        private final ParsedLine head;
        private final Boolean label;
        private final List<String> lines = new ArrayList<>();
        private int chars;
        private boolean cut;

        Pending(ParsedLine head, Boolean label) {
            this.head = head;
            this.label = label;
        }

        void addLine(String line) {
            if (lines.size() >= MAX_CONTINUATION_LINES || chars > 4 * options.maxMessageChars()) {
                cut = true;
                return;
            }
            lines.add(line);
            chars += line.length();
        }

        LabeledEvent build() {
            StackTraces.Parsed parsed = StackTraces.parse(lines, options.maxFrames());
            StringBuilder msg = new StringBuilder(head.msg());
            for (String extra : parsed.messageLines()) {
                msg.append('\n').append(extra.stripTrailing());
            }
            Message text = Message.cut(msg.toString(), options.maxMessageChars());
            long ts = head.ts() == Timestamps.UNKNOWN ? lastTs : head.ts();
            lastTs = ts;
            Map<String, String> ctx = head.ctx();
            LogEvent event = LogEvent.builder().ts(ts).level(head.level()).logger(head.logger())
                .thread(head.thread()).msg(text.text()).truncated(cut || text.truncated()).error(parsed.error())
                .ctx(ctx).service(service).pid(head.pid()).seq(seq++).build();
            return new LabeledEvent(event, label);
        }
    }
}
