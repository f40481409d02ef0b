package io.contralog.trainer.read;

import io.contralog.core.event.LogEvent;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Thunderbird syslog layout: {@code <label> <epoch> <date> <host> <Mon> <d> <HH:MM:SS>
 * <host>/<facility-host> <process>[pid]: <message>}. The first token is the label ({@code -} normal); as in the
 * authors' preprocessing the text starts at the process, which becomes the logger.
 */
public final class ThunderbirdReader extends LineByLineReader {

    private static final Pattern HEADER = Pattern.compile(
        "^(\\S+) (\\d+) (\\S+) (\\S+) \\w{3} +\\d+ \\d{2}:\\d{2}:\\d{2} (\\S+) ?(.*)$");
    private static final Pattern PROCESS = Pattern.compile("^([^\\s:\\[]+)(?:\\[(\\d+)\\])?: ?(.*)$");

    private ThunderbirdReader(LineSource source, ReadOptions options, String service) {
        super(source, options, service);
    }

    /** Opens {@code file} in the Thunderbird layout. */
    public static ThunderbirdReader open(Path file, ReadOptions options, String service) {
        return new ThunderbirdReader(LineSource.open(file), options, service);
    }

    @Override
    protected LabeledEvent toEvent(String line) {
        LogEvent.Builder event = LogEvent.builder().service(service).seq(nextSeq()).level("").logger("");
        Matcher header = HEADER.matcher(line);
        if (!header.matches()) {
            int space = line.indexOf(' ');
            Message msg = Message.cut(space < 0 ? "" : line.substring(space + 1), options.maxMessageChars());
            return new LabeledEvent(event.ts(lastTs).msg(msg.text()).build(), !line.startsWith("- "));
        }
        lastTs = Long.parseLong(header.group(2)) * 1_000_000_000L;
        event.ts(lastTs).host(header.group(4));
        String body = header.group(6);
        Matcher process = PROCESS.matcher(body);
        if (process.matches()) {
            event.logger(process.group(1)).pid(process.group(2) == null ? -1 : Long.parseLong(process.group(2)));
            body = process.group(3);
        }
        Message msg = Message.cut(body.stripTrailing(), options.maxMessageChars());
        return new LabeledEvent(event.msg(msg.text()).truncated(msg.truncated()).build(),
            !"-".equals(header.group(1)));
    }
}
