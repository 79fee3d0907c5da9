package org.gigwatch.streams.workingtime;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The watermarks of every upstream task, as one downstream task received them: the lowest of them is how far every
 * upstream task has released its events in event-time order (nothing is known before all have reported). Held in
 * memory, read from the store once; the store keeps them across a restart and is written only when one rises.
 */
public final class Watermarks {
    private final KeyValueStore<String, Long> store;
    /** By upstream task; Long.MIN_VALUE: none yet. */
    private final long[] last;

    public Watermarks(KeyValueStore<String, Long> store, int upstreamPartitions) {
        this.store = store;
        this.last = new long[upstreamPartitions];
        for (int source = 0; source < last.length; source++) {
            Long stored = store.get(String.valueOf(source));
            last[source] = stored == null ? Long.MIN_VALUE : stored;
        }
    }

    /** Records a watermark (they only rise) and returns the lowest over every upstream task. */
    public long advance(int source, long at) {
        if (source < 0 || source >= last.length) {
            throw new IllegalStateException("a watermark from upstream task " + source + ", but upstreamPartitions is "
                    + last.length + ": it must equal the partition count of the event topics");
        }
        if (at > last[source]) {
            last[source] = at;
            store.put(String.valueOf(source), at);
        }
        long low = Long.MAX_VALUE;
        for (long watermark : last) {
            low = Math.min(low, watermark); // Long.MIN_VALUE until every task has reported
        }
        return low;
    }
}
