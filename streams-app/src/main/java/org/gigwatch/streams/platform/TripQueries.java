package org.gigwatch.streams.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.gigwatch.streams.workingtime.WorkingTimeQueries;

/**
 * The interactive query of INJURY_RESPONSIBILITY (IQv2): person (workerKey) + instant → the trip they were on and the
 * platform of its first order, from the finished trips (a window store by trip start, kept for the retention) and the
 * trip in progress. Single instance, as {@link WorkingTimeQueries}: only keys whose active task is here are answered.
 */
public final class TripQueries {
    private final KafkaStreams streams;
    private final HostInfo self;
    private final Duration retention;

    public TripQueries(KafkaStreams streams, HostInfo self, Duration retention) {
        this.streams = streams;
        this.self = self;
        this.retention = retention;
    }

    /** The trip the person was on at the instant, as far as the app has seen; empty if on none (or forgotten). */
    public Optional<Trip> tripAt(String person, Instant instant) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new WorkingTimeQueries.Unavailable("the streams app is " + state + ", not RUNNING");
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(PlatformTopology.TRIPS_STORE, person, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new WorkingTimeQueries.Unavailable("no metadata for the key yet (rebalancing)");
        }
        if (!self.equals(metadata.activeHost())) {
            throw new WorkingTimeQueries.Unavailable("the key is served by " + metadata.activeHost() + ", not by " + self);
        }
        int partition = metadata.partition();
        long t = instant.toEpochMilli();
        PersonTrips open = result(PlatformTopology.PERSON_TRIPS_STORE, KeyQuery.<String, PersonTrips>withKey(person), partition)
                .getResult();
        Optional<Trip> current = open == null ? Optional.empty() : TripFinder.tripAt(open.orders.values(), t);
        if (current.isPresent()) {
            return current;
        }
        // finished trips that started at or before the instant, latest first: the first that covers it is the answer
        Trip found = null;
        try (WindowStoreIterator<Trip> it = result(PlatformTopology.TRIPS_STORE,
                WindowKeyQuery.<String, Trip>withKeyAndWindowStartRange(person, instant.minus(retention), instant),
                partition).getResult()) {
            while (it.hasNext()) {
                Trip trip = it.next().value;
                if (trip.covers(t)) {
                    found = trip;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private <R> QueryResult<R> result(String store, Query<R> query, int partition) {
        StateQueryRequest<R> request = StateQueryRequest.inStore(store).withQuery(query)
                .withPartitions(Set.of(partition)).requireActive();
        QueryResult<R> result = streams.query(request).getPartitionResults().get(partition);
        if (result == null || result.isFailure()) {
            throw new WorkingTimeQueries.Unavailable(result == null ? "no answer from partition " + partition + " of " + store
                    : result.getFailureReason() + ": " + result.getFailureMessage());
        }
        return result;
    }
}
