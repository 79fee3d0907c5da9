package org.gigwatch.simulator.model;

import java.util.List;

/** Everything one account did over the simulated range: the oracle's input for the platform scope. */
public record AccountHistory(Account account, List<Session> sessions, List<Order> orders, List<Payout> payouts) {
    public AccountHistory {
        sessions = List.copyOf(sessions);
        orders = List.copyOf(orders);
        payouts = List.copyOf(payouts);
    }
}
