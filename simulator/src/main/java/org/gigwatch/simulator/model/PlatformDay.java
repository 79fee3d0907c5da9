package org.gigwatch.simulator.model;

import java.util.List;

/** What one account did in one planned day: its sessions, orders and reported incidents, each in time order. */
public record PlatformDay(Account account, List<Session> sessions, List<Order> orders, List<Incident> incidents) {
    public PlatformDay {
        incidents = List.copyOf(incidents);
    }
}
