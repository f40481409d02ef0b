package io.contralog.core.queue;

import io.contralog.core.event.ErrorInfo;

/**
 * One thread's reusable buffers for the event being written, so that the common path allocates nothing.
 *
 * <p>Implementation note: the fields are filled outside the writer's lock and read inside it by the same
 * thread, so they need no synchronisation.
 */
final class EventScratch {

    private static final int RETAINED_CAPACITY = 64 * 1024;

    final StringBuilder message = new StringBuilder(256);
    final ContextBuffer context;
    final EventEncoder encoder = new EventEncoder();
    /** Set while this thread is inside a write, so that a write from within it cannot clobber these buffers. */
    boolean busy;
    boolean hasMessage;
    boolean truncated;
    boolean invalidText;
    long ts;
    String level;
    String logger;
    String thread;
    ErrorInfo error;

    EventScratch(QueueSettings settings) {
        this.context = new ContextBuffer(settings, this);
    }

    void reset() {
        if (message.capacity() > RETAINED_CAPACITY) {
            message.setLength(0);
            message.trimToSize();
        }
        message.setLength(0);
        context.clear();
        hasMessage = false;
        truncated = false;
        invalidText = false;
        error = null;
    }
}
