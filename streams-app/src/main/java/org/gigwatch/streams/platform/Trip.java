package org.gigwatch.streams.platform;

import java.util.List;

/** A maximal chain of overlapping orders of one person, across platforms, in the order they were accepted. */
public record Trip(List<OrderSpan> orders) {
    public Trip {
        if (orders.isEmpty()) {
            throw new IllegalArgumentException("a trip has at least one order");
        }
        orders = List.copyOf(orders);
    }

    public long start() {
        return orders.get(0).acceptedAt();
    }

    /** The latest end of its orders; {@link Long#MAX_VALUE} while one is in progress. */
    public long end() {
        return orders.stream().mapToLong(OrderSpan::end).max().orElseThrow();
    }

    /** The first order: its platform bears work-injury insurance responsibility (000 四(四)). */
    public OrderSpan first() {
        return orders.get(0);
    }

    public boolean covers(long instant) {
        return start() <= instant && instant <= end();
    }
}
