package io.contralog.trainer.cli;

import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueReader;
import io.contralog.trainer.read.LabeledEvent;
import io.contralog.trainer.read.LogReadException;
import io.contralog.trainer.read.LogReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads one or more queue folders written by the appenders, from the start, without recording a consumer
 * position, so that training never moves the agent's checkpoint.
 */
final class QueueInput implements LogReader {

    private final Deque<Path> pending;
    private EventQueueReader current;

    QueueInput(List<Path> folders) {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new LogReadException("--input " + folder + ": not a queue folder (it does not exist or is not"
                    + " a directory)");
            }
        }
        this.pending = new ArrayDeque<>(folders);
    }

    @Override
    public LabeledEvent next() {
        while (true) {
            if (current == null) {
                Path next = pending.poll();
                if (next == null) {
                    return null;
                }
                current = open(next);
            }
            LogEvent event = current.next();
            if (event != null) {
                return LabeledEvent.unlabeled(event);
            }
            current.close();
            current = null;
        }
    }

    private static EventQueueReader open(Path folder) {
        try {
            return EventQueueReader.open(folder, null);
        } catch (IllegalArgumentException e) {
            throw new LogReadException("--input " + folder + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
