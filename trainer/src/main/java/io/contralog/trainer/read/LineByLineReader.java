package io.contralog.trainer.read;

import java.io.IOException;

/**
 * Base of the readers whose layout puts one event on each line: it skips blank lines, keeps the last timestamp
 * for lines that carry none, and numbers events per reader.
 */
abstract class LineByLineReader implements LogReader {

    protected final ReadOptions options;
    protected final String service;
    /** The latest timestamp read, in epoch nanoseconds, for lines whose own cannot be parsed. */
    protected long lastTs;
    private final LineSource source;
    private long seq;

    protected LineByLineReader(LineSource source, ReadOptions options, String service) {
        this.source = source;
        this.options = options;
        this.service = service;
    }

    /** Turns one non-blank line into an event. */
    protected abstract LabeledEvent toEvent(String line);

    /** The next per-reader sequence number. */
    protected long nextSeq() {
        return seq++;
    }

    @Override
    public LabeledEvent next() throws IOException {
        String line;
        while ((line = source.readLine()) != null) {
            if (!line.isBlank()) {
                return toEvent(line);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
