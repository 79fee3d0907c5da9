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
    /**
     * Nothing is queued before this instant (in memory; after a restart the first scan starts at the beginning): after
     * a poll, the time of the first entry left, lowered by every add. Scans start here: a queue's deleted entries stay
     * behind as RocksDB tombstones until compaction, and a scan from the beginning walked through all of them, ever
     * more of them as a run went on; and a poll before it needs no scan at all.
     */
    private long from = Long.MIN_VALUE;

    public EventTimeQueue(KeyValueStore<String, V> store) {
        this.store = store;
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
        from = Math.min(from, at);
        store.put(key(at, tieBreak), value);
    }

    public boolean contains(long at, String tieBreak) {
        return store.get(key(at, tieBreak)) != null;
    }

    public void remove(long at, String tieBreak) {
        store.delete(key(at, tieBreak));
    }

    /** Removes and returns, in event-time order, every entry at or before {@code upTo}. */
    public List<V> pollUpTo(long upTo) {
        return pollBetween(Long.MIN_VALUE, upTo);
    }

    /**
     * Removes and returns, in event-time order, every entry from {@code lowest} to {@code upTo} (both included), for a
     * caller that knows there is none before {@code lowest} (e.g. after a restart, when this queue's own bound is lost).
     */
    public List<V> pollBetween(long lowest, long upTo) {
        long start = Math.max(lowest, from); // both bound what is queued from below
        if (upTo < start) {
            return List.of(); // nothing due: no store scan
        }
        List<KeyValue<String, V>> due = new ArrayList<>();
        long next = Long.MAX_VALUE;
        // one step past what is due: the first entry left is the new lower bound, so that polling while nothing is
        // due costs no scan (the timer indexes are polled on every advance of the clock)
        try (KeyValueIterator<String, V> it = store.range(start <= 0 ? null : key(start, ""), null)) {
            while (it.hasNext()) {
                KeyValue<String, V> entry = it.next();
                long at = timeOf(entry.key);
                if (at > upTo) {
                    next = at;
                    break;
                }
                due.add(entry);
            }
        }
        due.forEach(entry -> store.delete(entry.key));
        from = next;
        return due.stream().map(entry -> entry.value).toList();
    }

    private static long timeOf(String key) {
        return Long.parseLong(key, 0, key.indexOf('|'), 10);
    }

    /** The time of the first entry at or after {@code from} (all of them if {@code from} is not positive), or null. */
    public Long firstAt(long from) {
        try (KeyValueIterator<String, V> it = store.range(from <= 0 ? null : key(from, ""), null)) {
            return it.hasNext() ? timeOf(it.peekNextKey()) : null;
        }
    }
}
