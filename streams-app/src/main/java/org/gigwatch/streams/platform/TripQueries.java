package org.gigwatch.streams.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.gigwatch.streams.workingtime.ActiveStores;

/**
 * The interactive query of INJURY_RESPONSIBILITY (IQv2): person (workerKey) + instant → the trip they were on and the
 * platform of its first order, from the finished trips (a window store by trip start, kept for the retention) and the
 * trip in progress. Single instance: only keys whose active task is here are answered (see {@link ActiveStores}).
 */
public final class TripQueries {
    private final ActiveStores stores;
    private final Duration retention;

    public TripQueries(KafkaStreams streams, HostInfo self, Duration retention) {
        this.stores = new ActiveStores(streams, self);
        this.retention = retention;
    }

    /** The trip the person was on at the instant, as far as the app has seen; empty if on none (or forgotten). */
    public Optional<Trip> tripAt(String person, Instant instant) {
        int partition = stores.partition(PlatformTopology.TRIPS_STORE, person);
        long t = instant.toEpochMilli();
        PersonTrips open = stores.query(PlatformTopology.PERSON_TRIPS_STORE, KeyQuery.<String, PersonTrips>withKey(person), partition);
        Optional<Trip> current = open == null ? Optional.empty() : TripFinder.tripAt(open.orders.values(), t);
        if (current.isPresent()) {
            return current;
        }
        // finished trips that started at or before the instant, latest first: the first that covers it is the answer
        Trip found = null;
        try (WindowStoreIterator<Trip> it = stores.query(PlatformTopology.TRIPS_STORE,
                WindowKeyQuery.<String, Trip>withKeyAndWindowStartRange(person, instant.minus(retention), instant),
                partition)) {
            while (it.hasNext()) {
                Trip trip = it.next().value;
                if (trip.covers(t)) {
                    found = trip;
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
