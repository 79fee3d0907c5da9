package org.gigwatch.simulator.model;

import java.util.List;

/** A worker and the history of each of their accounts over the simulated range. */
public record WorkerHistory(Worker worker, List<AccountHistory> accounts) {
    public WorkerHistory {
        accounts = List.copyOf(accounts);
    }
}
