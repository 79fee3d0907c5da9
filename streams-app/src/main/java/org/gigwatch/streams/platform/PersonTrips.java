package org.gigwatch.streams.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A person's orders not yet part of a finished trip (Jackson state), by {@code platformId/orderId}. A trip is finished
 * once every event before a bound after its end is known: no order can chain to it any more.
 */
public final class PersonTrips {
    public String region;
    public Map<String, OrderSpan> orders = new TreeMap<>();

    public void accepted(TripSignal s) {
        orders.putIfAbsent(s.platformId() + "/" + s.orderId(),
                new OrderSpan(s.platformId(), s.workerId(), s.orderId(), s.at(), null, s.eventId()));
    }

    public void ended(TripSignal s) {
        orders.computeIfPresent(s.platformId() + "/" + s.orderId(),
                (id, o) -> o.endedAt() == null ? o.endingAt(s.at()) : o);
    }

    /** A logout ends the account's orders still open (no order is carried after it: docs/PLATFORM-RULES.md). */
    public void loggedOut(TripSignal s) {
        orders.replaceAll((id, o) -> o.endedAt() == null && o.platformId().equals(s.platformId())
                && o.workerId().equals(s.workerId()) && o.acceptedAt() <= s.at() ? o.endingAt(s.at()) : o);
    }

    /** Removes and returns the trips that ended before {@code bound}: every event before it is known. */
    public List<Trip> finishBefore(long bound) {
        List<Trip> done = new ArrayList<>();
        for (Trip trip : TripFinder.trips(orders.values())) {
            if (trip.end() >= bound) {
                break; // trips are in time order and disjoint: the later ones end later still
            }
            done.add(trip);
            trip.orders().forEach(o -> orders.remove(o.platformId() + "/" + o.orderId()));
        }
        return done;
    }
}
