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
 *
 * <p>It remembers (in memory, per task) a lower bound of its earliest entry's time, so that polling when nothing is
 * due costs no store scan: that is most polls of a timer index. Unknown after a restart, so the first poll scans.
 */
public final class EventTimeQueue<V> {
    private final KeyValueStore<String, V> store;
    /** No entry is earlier than this (Long.MIN_VALUE: unknown; Long.MAX_VALUE: empty). */
    private long earliest = Long.MIN_VALUE;

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
        store.put(key(at, tieBreak), value);
        earliest = Math.min(earliest, at);
    }

    public void remove(long at, String tieBreak) {
        store.delete(key(at, tieBreak));
    }

    /** Removes and returns, in event-time order, every entry at or before {@code upTo}. */
    public List<V> pollUpTo(long upTo) {
        if (upTo < earliest) {
            return List.of();
        }
        List<KeyValue<String, V>> due = new ArrayList<>();
        String bound = padded(upTo, 13) + "|\uffff";
        earliest = Long.MAX_VALUE;
        try (KeyValueIterator<String, V> it = store.range(null, null)) {
            while (it.hasNext()) {
                KeyValue<String, V> entry = it.next();
                if (entry.key.compareTo(bound) > 0) {
                    earliest = Long.parseLong(entry.key.substring(0, entry.key.indexOf('|'))); // the first one left
                    break;
                }
                due.add(entry);
            }
        }
        due.forEach(entry -> store.delete(entry.key));
        return due.stream().map(entry -> entry.value).toList();
    }
}
