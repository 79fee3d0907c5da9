package org.gigwatch.simulator.model;

import java.util.List;

/** Everything one account did over the simulated range: the oracle's input for the platform scope. */
public record AccountHistory(Account account, List<Session> sessions, List<Order> orders, List<Payout> payouts,
                             List<Incident> incidents) {
    public AccountHistory {
        sessions = List.copyOf(sessions);
        orders = List.copyOf(orders);
        payouts = List.copyOf(payouts);
        incidents = List.copyOf(incidents);
    }

    /** An account that reported no incident. */
    public AccountHistory(Account account, List<Session> sessions, List<Order> orders, List<Payout> payouts) {
        this(account, sessions, orders, payouts, List.of());
    }
}
