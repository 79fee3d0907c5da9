package org.gigwatch.simulator.oracle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.gigwatch.avro.Scope;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.AccountHistory;
import org.gigwatch.simulator.model.Incident;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.WorkerHistory;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/**
 * Who insures a trip (000 四(四): the first order's platform). A trip is a maximal chain of one person's orders, over
 * all their platforms, whose closed intervals [acceptedAt, endedAt] overlap; intervals that touch (one ends at the
 * instant the next is accepted) chain, since the worker carries work throughout. An incident at t is on the trip if
 * start ≤ t ≤ end. Its platform is that of the first order (earliest acceptedAt; ties: platformId, then orderId).
 * One finding per incident on a trip, addressed to the person's account with that platform; an incident on no
 * trip has none. measured = the trip's orders accepted at or before the incident (what a monitor has seen then).
 */
public final class InjuryResponsibilityOracle {
    /** An order and the account that carried it. */
    public record TripOrder(Account account, Order order) {}

    /** A chain of orders, in the order they were accepted (the first bears the responsibility). */
    public record Trip(List<TripOrder> orders) {
        public Trip {
            orders = List.copyOf(orders);
        }

        public long start() {
            return orders.get(0).order().acceptedAt();
        }

        public long end() {
            return orders.stream().mapToLong(o -> o.order().endedAt()).max().orElseThrow();
        }

        /** The account of the trip's first order: the platform that bears work-injury insurance responsibility. */
        public Account responsible() {
            return orders.get(0).account();
        }

        public boolean covers(long instant) {
            return start() <= instant && instant <= end();
        }
    }

    private static final Comparator<TripOrder> ACCEPTED = Comparator
            .comparingLong((TripOrder o) -> o.order().acceptedAt())
            .thenComparing(o -> o.account().platformId())
            .thenComparing(o -> o.order().orderId());

    /** The person's trips over all their accounts, in time order. */
    public static List<Trip> trips(WorkerHistory history) {
        List<TripOrder> orders = new ArrayList<>();
        for (AccountHistory account : history.accounts()) {
            account.orders().forEach(o -> orders.add(new TripOrder(account.account(), o)));
        }
        orders.sort(ACCEPTED);
        List<Trip> trips = new ArrayList<>();
        List<TripOrder> current = new ArrayList<>();
        long end = Long.MIN_VALUE;
        for (TripOrder o : orders) {
            if (!current.isEmpty() && o.order().acceptedAt() > end) {
                trips.add(new Trip(current));
                current = new ArrayList<>();
            }
            current.add(o);
            end = current.size() == 1 ? o.order().endedAt() : Math.max(end, o.order().endedAt());
        }
        if (!current.isEmpty()) {
            trips.add(new Trip(current));
        }
        return trips;
    }

    /** The trip the person was on at the instant, if any: the interactive query's answer. */
    public static Optional<Trip> tripAt(List<Trip> trips, long instant) {
        return trips.stream().filter(t -> t.covers(instant)).findFirst();
    }

    public static void check(WorkerHistory history, Consumer<ExpectedViolation> out) {
        List<Trip> trips = null;
        for (AccountHistory account : history.accounts()) {
            for (Incident incident : account.incidents()) {
                if (trips == null) {
                    trips = trips(history);
                }
                long t = incident.at();
                tripAt(trips, t).ifPresent(trip -> {
                    Account responsible = trip.responsible();
                    long seen = trip.orders().stream().filter(o -> o.order().acceptedAt() <= t).count();
                    out.accept(new ExpectedViolation(Rule.INJURY_RESPONSIBILITY, Scope.PLATFORM, responsible.key(),
                            responsible.platformId(), history.worker().region(), Instant.ofEpochMilli(t),
                            Instant.ofEpochMilli(t), seen, null, false));
                });
            }
        }
    }

    private InjuryResponsibilityOracle() {}
}
