package io.contralog.model.score;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used map from a message's token key to its embedding and nearest normal message.
 *
 * <p>One lock around a small access-ordered map: lookups are far cheaper than the encoder call they save,
 * so contention is not the bottleneck at the agent's batch rate.
 */
final class TextCache {

    /** What is cached for one token sequence. */
    record Entry(float[] embedding, int nearest, float contextFree) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry> map;
    private long hits;
    private long misses;

    TextCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > TextCache.this.capacity;
            }
        };
    }

    synchronized Entry get(String text) {
        Entry e = capacity == 0 ? null : map.get(text);
        if (e == null) {
            misses++;
        } else {
            hits++;
        }
        return e;
    }

    synchronized void put(String text, Entry entry) {
        if (capacity > 0) {
            map.put(text, entry);
        }
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
