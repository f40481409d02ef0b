package io.contralog.trainer.read;

import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueReader;

import java.nio.file.Path;

/**
 * Reads a queue folder written by the appenders, from its start, without a named tailer, so that reading for
 * training or evaluation never moves the agent's checkpoint. The read ends where the queue ends now.
 */
final class QueueReaders implements LogReader {

    private final EventQueueReader queue;
    private final String service;

    private QueueReaders(EventQueueReader queue, String service) {
        this.queue = queue;
        this.service = service;
    }

    static LogReader open(Path dir, ReadOptions options) {
        try {
            return new QueueReaders(EventQueueReader.open(dir, null), options.service());
        } catch (IllegalArgumentException e) {
            throw new LogReadException("--input " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LabeledEvent next() {
        LogEvent event = queue.next();
        if (event == null) {
            return null;
        }
        boolean noService = event.service() == null || event.service().isEmpty();
        if (noService && service != null && !service.isBlank()) {
            event = LogEvent.builder().ts(event.ts()).level(event.level()).logger(event.logger())
                .thread(event.thread()).msg(event.msg()).truncated(event.truncated()).error(event.error())
                .ctx(event.ctx()).service(service).host(event.host()).pid(event.pid()).seq(event.seq()).build();
        }
        return LabeledEvent.unlabeled(event);
    }

    /** Returns how many documents in the queue were not readable events. */
    long skipped() {
        return queue.skipped();
    }

    @Override
    public void close() {
        queue.close();
    }
}
