package org.gigwatch.streams.platform;

/**
 * One order of a person as the closed interval [acceptedAt, endedAt] (DELIVERED or CANCELLED), with the account that
 * carried it. {@code endedAt} is null while the order is in progress.
 */
public record OrderSpan(String platformId, String workerId, String orderId, long acceptedAt, Long endedAt,
                        String acceptedEventId) {
    /** The end, or "not yet" (after every instant) for an order in progress. */
    public long end() {
        return endedAt == null ? Long.MAX_VALUE : endedAt;
    }

    public OrderSpan endingAt(long at) {
        return new OrderSpan(platformId, workerId, orderId, acceptedAt, at, acceptedEventId);
    }
}
