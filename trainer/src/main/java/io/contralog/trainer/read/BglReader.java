package io.contralog.trainer.read;

import io.contralog.core.event.LogEvent;

import java.nio.file.Path;

/**
 * Reads the BGL (Blue Gene/L) layout: {@code <label> <epoch> <date> <node> <time> <node> RAS <component> <level>
 * <message>}. The first token is the label ({@code -} normal); as in the authors' preprocessing the label, epoch,
 * dates and repeated node are not part of the text: the component becomes the logger, the node the host.
 */
public final class BglReader extends LineByLineReader {

    private static final int FIELDS = 10;

    private BglReader(LineSource source, ReadOptions options, String service) {
        super(source, options, service);
    }

    /** Opens {@code file} in the BGL layout. */
    public static BglReader open(Path file, ReadOptions options, String service) {
        return new BglReader(LineSource.open(file), options, service);
    }

    @Override
    protected LabeledEvent toEvent(String line) {
        String[] f = line.split(" ", FIELDS);
        Boolean anomalous = !"-".equals(f[0]);
        LogEvent.Builder event = LogEvent.builder().service(service).seq(nextSeq());
        if (f.length < FIELDS - 1) {
            Message msg = Message.cut(f.length > 1 ? line.substring(f[0].length() + 1) : "", options.maxMessageChars());
            return new LabeledEvent(event.ts(lastTs).level("").logger("").msg(msg.text()).build(), anomalous);
        }
        lastTs = timestamp(f[1], f[4]);
        Message msg = Message.cut(f.length == FIELDS ? f[9].stripTrailing() : "", options.maxMessageChars());
        event.ts(lastTs).host(f[3]).level(Levels.normalise(f[8])).logger(f[7]).msg(msg.text())
            .truncated(msg.truncated());
        return new LabeledEvent(event.build(), anomalous);
    }

    private long timestamp(String epoch, String stamp) {
        try {
            long seconds = Long.parseLong(epoch);
            int dot = stamp.lastIndexOf('.');
            long micros = dot < 0 ? 0 : Long.parseLong(stamp.substring(dot + 1));
            return seconds * 1_000_000_000L + micros * 1_000L;
        } catch (NumberFormatException e) {
            return lastTs;
        }
    }
}
