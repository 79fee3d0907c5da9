package org.gigwatch.simulator.model;

/**
 * One order handled by a worker: offered, accepted, picked up (unless cancelled before), then delivered or
 * cancelled at {@code endedAt}. Money in fen; a cancelled order is not paid.
 *
 * @param pickedUpAt epoch ms, or -1 when it was cancelled before pickup
 */
public record Order(String orderId, long offeredAt, long acceptedAt, long pickedUpAt, long endedAt, boolean delivered,
                    long basePay, long incentivePay, long tip, long distanceMeters) {
    public boolean pickedUp() {
        return pickedUpAt >= 0;
    }

    /** Pay for the minimum-wage and holiday rules: base + incentives, tips excluded. */
    public long pay() {
        return basePay + incentivePay;
    }

    /** What the platform owes the worker for it: pay and tip. */
    public long earnings() {
        return basePay + incentivePay + tip;
    }
}
