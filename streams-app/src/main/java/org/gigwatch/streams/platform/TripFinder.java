package org.gigwatch.streams.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Trips from a person's orders over all their platforms (000 四(四)): a trip is a maximal chain of orders whose closed
 * intervals overlap, touching ones included (an order accepted at the instant another ends: the worker carries work
 * throughout). Its first order is the earliest accepted; ties: the smaller platformId, then the smaller orderId.
 */
public final class TripFinder {
    static final Comparator<OrderSpan> ACCEPTED = Comparator.comparingLong(OrderSpan::acceptedAt)
            .thenComparing(OrderSpan::platformId).thenComparing(OrderSpan::orderId);

    /** The trips of these orders, in time order. */
    public static List<Trip> trips(Collection<OrderSpan> orders) {
        List<OrderSpan> sorted = orders.stream().sorted(ACCEPTED).toList();
        List<Trip> trips = new ArrayList<>();
        List<OrderSpan> current = new ArrayList<>();
        long end = Long.MIN_VALUE;
        for (OrderSpan o : sorted) {
            if (!current.isEmpty() && o.acceptedAt() > end) {
                trips.add(new Trip(current));
                current = new ArrayList<>();
                end = Long.MIN_VALUE;
            }
            current.add(o);
            end = Math.max(end, o.end());
        }
        if (!current.isEmpty()) {
            trips.add(new Trip(current));
        }
        return trips;
    }

    /**
     * The trip the person was on at the instant, as known then: of the orders accepted at or before it (a later order
     * can only extend a trip's end, never change its first order), the trip with start ≤ instant ≤ end.
     */
    public static Optional<Trip> tripAt(Collection<OrderSpan> orders, long instant) {
        List<Trip> trips = trips(orders.stream().filter(o -> o.acceptedAt() <= instant).toList());
        return trips.isEmpty() ? Optional.empty() : Optional.of(trips.get(trips.size() - 1)).filter(t -> t.covers(instant));
    }

    private TripFinder() {}
}
