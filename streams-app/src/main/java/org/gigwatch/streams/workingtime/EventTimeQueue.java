package org.gigwatch.streams.workingtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store used as a queue ordered by event time: keys are {@code <13-digit instant>|<tie-break>}, so a
 * range scan returns entries in event-time order (and ties in arrival order when the tie-break is an offset).
 * Used for the events held back during the grace period and for the timer index of subjects to advance.
 */
public final class EventTimeQueue<V> {
    private final KeyValueStore<String, V> store;

    public EventTimeQueue(KeyValueStore<String, V> store) {
        this.store = store;
    }

    public static String key(long at, String tieBreak) {
        return String.format("%013d|%s", at, tieBreak);
    }

    public void add(long at, String tieBreak, V value) {
        store.put(key(at, tieBreak), value);
    }

    public void remove(long at, String tieBreak) {
        store.delete(key(at, tieBreak));
    }

    /** Removes and returns, in event-time order, every entry at or before {@code upTo}. */
    public List<V> pollUpTo(long upTo) {
        return pollBetween(Long.MIN_VALUE, upTo);
    }

    /**
     * Removes and returns, in event-time order, every entry from {@code from} to {@code upTo} (both included), for a
     * caller that knows there is none before {@code from}: the scan then seeks past the deletions of the entries
     * polled before, instead of stepping over each of them (RocksDB keeps them as tombstones until compaction).
     */
    public List<V> pollBetween(long from, long upTo) {
        List<KeyValue<String, V>> due = new ArrayList<>();
        String lower = from <= 0 ? null : key(from, "");
        try (KeyValueIterator<String, V> it = store.range(lower, String.format("%013d|\uffff", upTo))) {
            it.forEachRemaining(due::add);
        }
        due.forEach(entry -> store.delete(entry.key));
        return due.stream().map(entry -> entry.value).toList();
    }

    /** The time of the first entry at or after {@code from} (all of them if {@code from} is not positive), or null. */
    public Long firstAt(long from) {
        try (KeyValueIterator<String, V> it = store.range(from <= 0 ? null : key(from, ""), null)) {
            return it.hasNext() ? Long.parseLong(it.peekNextKey().substring(0, it.peekNextKey().indexOf('|'))) : null;
        }
    }
}
