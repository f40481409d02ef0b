package io.contralog.trainer.read;

import io.contralog.core.event.LogEvent;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads any text file one line per event. A timestamp at the start of a line becomes the event's time and is
 * taken out of the message; lines without one are spaced one millisecond after the previous event, so that time
 * windows still group neighbouring lines.
 */
public final class RawReader extends LineByLineReader {

    private static final Pattern LEADING_TS = Pattern.compile("^\\[?(" + Timestamps.ANY_REGEX + ")\\]?\\s*");
    private static final long SYNTHETIC_STEP_NANOS = 1_000_000L;

    private RawReader(LineSource source, ReadOptions options, String service) {
        super(source, options, service);
    }

    /** Opens {@code file} as raw lines. */
    public static RawReader open(Path file, ReadOptions options, String service) {
        return new RawReader(LineSource.open(file), options, service);
    }

    @Override
    protected LabeledEvent toEvent(String line) {
        String text = line;
        long ts = Timestamps.UNKNOWN;
        Matcher m = LEADING_TS.matcher(line);
        if (m.lookingAt()) {
            ts = Timestamps.parse(m.group(1));
            if (ts != Timestamps.UNKNOWN) {
                text = line.substring(m.end());
            }
        }
        lastTs = ts == Timestamps.UNKNOWN ? lastTs + SYNTHETIC_STEP_NANOS : ts;
        Message msg = Message.cut(text.stripTrailing(), options.maxMessageChars());
        LogEvent event = LogEvent.builder().ts(lastTs).level("").logger("").msg(msg.text())
            .truncated(msg.truncated()).service(service).seq(nextSeq()).build();
        return LabeledEvent.unlabeled(event);
    }
}
