package io.contralog.trainer.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streaming source of labelled events: one event at a time, never the whole input in memory.
 *
 * <p>Problems with the input itself (a file that cannot be read, a layout that matches nothing) are thrown as
 * {@link LogReadException} naming the file; I/O failures while reading as {@link UncheckedIOException}
 * from {@link #stream()}.
 */
public interface LogReader extends Closeable {

    /** Returns the next event, or null at the end of the input. */
    LabeledEvent next() throws IOException;

    /** Returns the events as a sequential stream; closing the stream closes this reader. */
    default Stream<LabeledEvent> stream() {
        Iterator<LabeledEvent> iterator = new Iterator<>() {
            private LabeledEvent ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = LogReader.this.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return ahead != null;
            }

            @Override
            public LabeledEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                LabeledEvent out = ahead;
                ahead = null;
                return out;
            }
        };
        Spliterator<LabeledEvent> split = Spliterators.spliteratorUnknownSize(iterator,
            Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(split, false).onClose(this::closeQuietly);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
