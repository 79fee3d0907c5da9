package org.gigwatch.simulator.emit;

import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.gigwatch.schemas.Topics;

/** Events sent per topic; safe to read from any thread while a run is under way (e.g. to print rates). */
public final class TopicCounters {
    /** The topics the simulator writes, in the order it reports them. */
    public static final List<String> TOPICS = List.of(Topics.REGISTRATIONS, Topics.SESSIONS, Topics.ORDERS, Topics.PAYOUTS,
            Topics.QUOTAS);

    private final Map<String, LongAdder> counters;

    public TopicCounters() {
        Map<String, LongAdder> map = new LinkedHashMap<>();
        TOPICS.forEach(topic -> map.put(topic, new LongAdder()));
        counters = Collections.unmodifiableMap(map);
    }

    /** The counter of one of {@link #TOPICS}, to increment without a lookup per event. */
    LongAdder counter(String topic) {
        LongAdder counter = counters.get(topic);
        if (counter == null) {
            throw new IllegalArgumentException("not a simulator topic: " + topic);
        }
        return counter;
    }

    public long get(String topic) {
        LongAdder counter = counters.get(topic);
        return counter == null ? 0 : counter.sum();
    }

    public long total() {
        return counters.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The counts now, by topic, in {@link #TOPICS} order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        counters.forEach((topic, counter) -> snapshot.put(topic, counter.sum()));
        return snapshot;
    }
}
