package org.gigwatch.streams.workingtime;

import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.state.HostInfo;

/**
 * IQv2 on the stores of this instance's active tasks, what every interactive query here shares: the key's partition
 * is located with {@code queryMetadataForKey}, and only keys whose active task is on this instance ({@code self}, its
 * {@code application.server}) are answered. Several instances would each set {@code application.server} to their own
 * HTTP address and forward a request to the key's active host.
 */
public final class ActiveStores {
    /** The query cannot be answered now (not running, rebalancing, or the key is served elsewhere): retry later. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private final KafkaStreams streams;
    private final HostInfo self;

    public ActiveStores(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** The partition of {@code store} that holds {@code key}, if the app is running and its active task is here. */
    public int partition(String store, String key) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new Unavailable("the streams app is " + state + ", not RUNNING");
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new Unavailable("no metadata for the key yet (rebalancing)");
        }
        if (!self.equals(metadata.activeHost())) {
            throw new Unavailable("the key is served by " + metadata.activeHost() + ", not by this instance " + self);
        }
        return metadata.partition();
    }

    /** The answer of {@code query} on the active {@code partition} of {@code store}. */
    public <R> R query(String store, Query<R> query, int partition) {
        StateQueryRequest<R> request = StateQueryRequest.inStore(store).withQuery(query)
                .withPartitions(Set.of(partition)).requireActive();
        QueryResult<R> result = streams.query(request).getPartitionResults().get(partition);
        if (result == null || result.isFailure()) {
            throw new Unavailable(result == null ? "no answer from partition " + partition + " of " + store
                    : result.getFailureReason() + ": " + result.getFailureMessage());
        }
        return result.getResult();
    }
}
