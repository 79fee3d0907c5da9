package org.gigwatch.streams.workingtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store used as a queue ordered by event time: keys are {@code <13-digit instant>|<tie-break>}, so that
 * the entries are in event-time order (and ties in arrival order when the tie-break is an offset). Used for the events
 * held back during the grace period, the ids of recent events and the timer index of subjects to advance.
 *
 * <p>The store is the durable copy (logged, restored after a restart); the queue keeps its entries in memory too,
 * read back from the store when it is created, and answers every poll and lookup from there. Polls come with every
 * advance of the clock, mostly with nothing due, and a range scan of a cached store copies the cache's keys in the
 * range first, while a scan of RocksDB walks the tombstones of the entries polled before.
 */
public final class EventTimeQueue<V> {
    private final KeyValueStore<String, V> store;
    private final NavigableMap<String, V> entries = new TreeMap<>();

    public EventTimeQueue(KeyValueStore<String, V> store) {
        this.store = store;
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> entries.put(entry.key, entry.value));
        }
    }

    public static String key(long at, String tieBreak) {
        return padded(at, 13) + "|" + tieBreak;
    }

    /** {@code String.format("%0<width>d", value)} without the formatter, which showed in profiles. */
    public static String padded(long value, int width) {
        if (value < 0) {
            return String.format("%0" + width + "d", value);
        }
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    public void add(long at, String tieBreak, V value) {
        String key = key(at, tieBreak);
        store.put(key, value);
        entries.put(key, value);
    }

    public boolean contains(long at, String tieBreak) {
        return entries.containsKey(key(at, tieBreak));
    }

    public void remove(long at, String tieBreak) {
        String key = key(at, tieBreak);
        if (entries.remove(key) != null) {
            store.put(key, null); // a delete without reading (and deserializing) the old value, as delete() does
        }
    }

    /** Removes and returns, in event-time order, every entry at or before {@code upTo}. */
    public List<V> pollUpTo(long upTo) {
        return poll(entries.headMap(padded(upTo, 13) + "|\uffff", true));
    }

    /**
     * Removes and returns, in event-time order, every entry from {@code lowest} to {@code upTo} (both included), for a
     * caller that knows there is none before {@code lowest}.
     */
    public List<V> pollBetween(long lowest, long upTo) {
        if (upTo < lowest) {
            return List.of();
        }
        if (lowest <= 0) { // keys sort by time for instants >= 0 only
            return pollUpTo(upTo);
        }
        return poll(entries.subMap(key(lowest, ""), true, padded(upTo, 13) + "|\uffff", true));
    }

    private List<V> poll(NavigableMap<String, V> due) {
        if (due.isEmpty()) {
            return List.of();
        }
        List<V> values = new ArrayList<>(due.size());
        for (Map.Entry<String, V> entry : due.entrySet()) {
            store.put(entry.getKey(), null);
            values.add(entry.getValue());
        }
        due.clear();
        return values;
    }

    /** The time of the first entry at or after {@code from} (all of them if {@code from} is not positive), or null. */
    public Long firstAt(long from) {
        String key = from <= 0 ? (entries.isEmpty() ? null : entries.firstKey()) : entries.ceilingKey(key(from, ""));
        return key == null ? null : Long.parseLong(key, 0, key.indexOf('|'), 10);
    }
}
