package org.gigwatch.streams.platform;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The watermarks of every upstream task, as one downstream task received them: the lowest of them is how far every
 * upstream task has released its events in event-time order (nothing is known before all have reported).
 */
final class Watermarks {
    private final KeyValueStore<String, Long> store;
    private final int upstreamPartitions;

    Watermarks(KeyValueStore<String, Long> store, int upstreamPartitions) {
        this.store = store;
        this.upstreamPartitions = upstreamPartitions;
    }

    /** Records a watermark (they only rise) and returns the lowest over every upstream task. */
    long advance(int source, long at) {
        Long before = store.get(String.valueOf(source));
        if (before == null || at > before) {
            store.put(String.valueOf(source), at);
        }
        long low = Long.MAX_VALUE;
        for (int s = 0; s < upstreamPartitions; s++) {
            Long watermark = store.get(String.valueOf(s));
            if (watermark == null) {
                return Long.MIN_VALUE;
            }
            low = Math.min(low, watermark);
        }
        return low;
    }
}
