package io.contralog.core.queue;

import java.util.Map;
import java.util.Set;

/** Collects the context entries of one event within the configured key filter and bounds. */
final class ContextBuffer implements EventSource.ContextSink {

    private final Set<String> keys;
    private final int maxValueLength;
    private final String[] names;
    private final String[] values;
    private final EventScratch flags;
    private int size;

    ContextBuffer(QueueSettings settings, EventScratch flags) {
        this.keys = settings.contextKeys();
        this.maxValueLength = settings.maxContextValueLength();
        this.names = new String[settings.maxContextEntries()];
        this.values = new String[settings.maxContextEntries()];
        this.flags = flags;
    }

    @Override
    public void put(String key, String value) {
        if (key == null || value == null || (!keys.isEmpty() && !keys.contains(key))) {
            return;
        }
        if (size == names.length) {
            flags.truncated = true;
            return;
        }
        names[size] = TextBounds.bound(key, maxValueLength, flags);
        values[size] = TextBounds.bound(value, maxValueLength, flags);
        size++;
    }

    void putAll(Map<String, String> entries) {
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            put(entry.getKey(), entry.getValue());
        }
    }

    int size() {
        return size;
    }

    String name(int i) {
        return names[i];
    }

    String value(int i) {
        return values[i];
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            names[i] = null;
            values[i] = null;
        }
        size = 0;
    }
}
