package io.contralog.trainer.read;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/** Reads several inputs one after the other, opening each only when the one before it is exhausted. */
final class ConcatReader implements LogReader {

    private final Iterator<Supplier<LogReader>> pending;
    private LogReader current;

    ConcatReader(List<Supplier<LogReader>> readers) {
        this.pending = readers.iterator();
    }

    @Override
    public LabeledEvent next() throws IOException {
        while (true) {
            if (current == null) {
                if (!pending.hasNext()) {
                    return null;
                }
                current = pending.next().get();
            }
            LabeledEvent event = current.next();
            if (event != null) {
                return event;
            }
            current.close();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
