package org.gigwatch.simulator.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gigwatch.avro.EmploymentCategory.INDEPENDENT;
import static org.gigwatch.simulator.oracle.Hand.A;
import static org.gigwatch.simulator.oracle.Hand.B;
import static org.gigwatch.simulator.oracle.Hand.at;
import static org.gigwatch.simulator.oracle.Hand.days;
import static org.gigwatch.simulator.oracle.Hand.worker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gigwatch.avro.Scope;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.AccountHistory;
import org.gigwatch.simulator.model.Incident;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.WorkerHistory;
import org.gigwatch.simulator.oracle.InjuryResponsibilityOracle.Trip;
import org.gigwatch.simulator.oracle.InjuryResponsibilityOracle.TripOrder;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;
import org.junit.jupiter.api.Test;

/** Who insures a trip: hand-built orders on swiftmeal (A) and dashbite (B), times local to Shanghai. */
class InjuryResponsibilityTest {
    /** An order carried from acceptance to delivery (or cancellation), "HH:mm[:ss]" on 2025-10-14. */
    private static Order order(String id, String accepted, String ended, boolean delivered) {
        long a = at("2025-10-14T" + accepted);
        long e = at("2025-10-14T" + ended);
        return new Order(id, a - 10_000, a, delivered ? (a + e) / 2 : -1, e, delivered, delivered ? 800 : 0, 0, 0, 1000);
    }

    private static Order order(String id, String accepted, String ended) {
        return order(id, accepted, ended, true);
    }

    private static Incident incident(String time) {
        return new Incident(at("2025-10-14T" + time), "fall");
    }

    private static AccountHistory account(Account account, List<Order> orders, Incident... incidents) {
        return new AccountHistory(account, List.of(), orders, List.of(), List.of(incidents));
    }

    private static List<ExpectedViolation> judge(AccountHistory... accounts) {
        return Hand.judge(days("2025-10-13", 7), Rule.INJURY_RESPONSIBILITY, worker(INDEPENDENT, "310000", A, B), accounts);
    }

    @Test
    void threeOverlappingOrdersOfTwoPlatformsAreInsuredByTheFirstOrdersPlatform() {
        // B's order is accepted first; A's two orders overlap it and each other; the incident is reported through A
        List<ExpectedViolation> found = judge(
                account(A, List.of(order("a1", "10:10", "10:50"), order("a2", "10:40", "11:05")), incident("10:45")),
                account(B, List.of(order("b1", "10:00", "10:30"))));
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.scope()).isEqualTo(Scope.PLATFORM);
            assertThat(v.worker()).isEqualTo(B.key());
            assertThat(v.platformId()).isEqualTo("dashbite");
            assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2025-10-14T10:45")));
            assertThat(v.windowEnd()).isEqualTo(v.windowStart());
            assertThat(v.measured()).as("orders of the trip accepted by then").isEqualTo(3);
        });
    }

    @Test
    void anIncidentBetweenTripsNamesNoPlatform() {
        assertThat(judge(account(A, List.of(order("a1", "10:00", "10:30"), order("a2", "10:40", "11:00")),
                incident("10:35")), account(B, List.of(order("b1", "11:10", "11:30"))))).isEmpty();
    }

    @Test
    void theExactEndInstantOfAnOrderIsStillOnTheTripOneMillisecondLaterIsNot() {
        List<Order> orders = List.of(order("a1", "10:00", "10:30"));
        assertThat(judge(account(A, orders, incident("10:30")), account(B, List.of())))
                .singleElement().satisfies(v -> assertThat(v.platformId()).isEqualTo("swiftmeal"));
        assertThat(judge(account(A, orders, new Incident(at("2025-10-14T10:30") + 1, "fall")), account(B, List.of())))
                .isEmpty();
        assertThat(judge(account(A, orders, new Incident(at("2025-10-14T10:00") - 1, "fall")), account(B, List.of())))
                .as("a millisecond before the first acceptance").isEmpty();
    }

    @Test
    void ordersThatTouchChainIntoOneTrip() {
        // A's order ends at the instant B's is accepted: one trip, insured by A
        List<ExpectedViolation> found = judge(account(A, List.of(order("a1", "10:00", "10:30"))),
                account(B, List.of(order("b1", "10:30", "11:00")), incident("10:50")));
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.worker()).isEqualTo(A.key());
            assertThat(v.measured()).isEqualTo(2);
        });
    }

    @Test
    void aCancelledOrderIsCarriedUntilItIsCancelledAndTiesGoToThePlatformIdFirstInOrder() {
        // both accepted at 10:00: dashbite sorts before swiftmeal; A's cancelled order still links B's to the 10:50 one
        List<ExpectedViolation> found = judge(
                account(A, List.of(order("a1", "10:00", "10:40", false), order("a2", "10:35", "11:00")), incident("10:55")),
                account(B, List.of(order("b1", "10:00", "10:20"))));
        assertThat(found).singleElement().satisfies(v -> assertThat(v.platformId()).isEqualTo("dashbite"));
    }

    @Test
    void aSinglePlatformWorkerIsAnsweredToo() {
        WorkerHistory single = new WorkerHistory(worker(INDEPENDENT, "310000", A),
                List.of(account(A, List.of(order("a1", "09:00", "09:20")), incident("09:10"))));
        List<ExpectedViolation> found = new ArrayList<>();
        InjuryResponsibilityOracle.check(single, found::add);
        assertThat(found).extracting(ExpectedViolation::worker).containsExactly(A.key());
    }

    @Test
    void theQueryAnswersWithTheWholeTrip() {
        WorkerHistory person = new WorkerHistory(worker(INDEPENDENT, "310000", A, B), List.of(
                account(A, List.of(order("a1", "10:10", "10:50"), order("a2", "12:00", "12:30"))),
                account(B, List.of(order("b1", "10:00", "10:30")))));
        List<Trip> trips = InjuryResponsibilityOracle.trips(person);
        assertThat(trips).hasSize(2);
        Trip trip = InjuryResponsibilityOracle.tripAt(trips, at("2025-10-14T10:20")).orElseThrow();
        assertThat(trip.responsible()).isEqualTo(B);
        assertThat(trip.orders()).extracting(o -> o.order().orderId()).containsExactly("b1", "a1");
        assertThat(trip.orders()).extracting(TripOrder::account).containsExactly(B, A);
        assertThat(trip.end()).isEqualTo(at("2025-10-14T10:50"));
        assertThat(InjuryResponsibilityOracle.tripAt(trips, at("2025-10-14T11:00"))).isEmpty();
    }
}
