package org.gigwatch.streams.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Trips over a person's orders of every platform, and the trip at an instant (the incident's). */
class TripFinderTest {
    private static final long MIN = 60_000L;

    private static OrderSpan order(String platform, String id, long acceptedMin, Integer endedMin) {
        return new OrderSpan(platform, "w-" + platform, id, acceptedMin * MIN, endedMin == null ? null : (Long) (endedMin * MIN),
                id + "-a");
    }

    @Test
    void anIncidentDuringThreeOverlappingOrdersOfTwoPlatformsIsTheFirstOrdersPlatforms() {
        List<OrderSpan> orders = List.of(
                order("swiftmeal", "s1", 10, 40),
                order("boxrun", "b1", 20, 60),   // taken during s1
                order("swiftmeal", "s2", 55, 80)); // taken during b1, after s1 ended
        // reported through boxrun at 70 min, when only s2 (swiftmeal) and nothing of boxrun is in progress any more
        Trip trip = TripFinder.tripAt(orders, 70 * MIN).orElseThrow();
        assertThat(trip.first().platformId()).isEqualTo("swiftmeal");
        assertThat(trip.orders()).extracting(OrderSpan::orderId).containsExactly("s1", "b1", "s2");
        assertThat(trip.start()).isEqualTo(10 * MIN);
        assertThat(trip.end()).isEqualTo(80 * MIN);
    }

    @Test
    void anIncidentBetweenTripsHasNone() {
        List<OrderSpan> orders = List.of(order("swiftmeal", "s1", 10, 40), order("boxrun", "b1", 50, 60));
        assertThat(TripFinder.tripAt(orders, 45 * MIN)).isEmpty();
        assertThat(TripFinder.tripAt(orders, 40 * MIN + 1)).isEmpty();
        assertThat(TripFinder.tripAt(orders, 10 * MIN - 1)).isEmpty();
        assertThat(TripFinder.trips(orders)).hasSize(2);
    }

    @Test
    void anIncidentAtTheExactEndInstantOfAnOrderIsOnItsTrip() {
        List<OrderSpan> orders = List.of(order("boxrun", "b1", 10, 40), order("swiftmeal", "s1", 50, 60));
        assertThat(TripFinder.tripAt(orders, 40 * MIN)).get().extracting(t -> t.first().orderId()).isEqualTo("b1");
        assertThat(TripFinder.tripAt(orders, 10 * MIN)).get().extracting(t -> t.first().orderId()).isEqualTo("b1");
    }

    @Test
    void touchingOrdersChainAndLaterOrdersDoNotChangeTheFirst() {
        List<OrderSpan> orders = List.of(
                order("boxrun", "b1", 10, 40),
                order("swiftmeal", "s1", 40, 70), // accepted as b1 is handed over: one trip
                order("boxrun", "b2", 90, null)); // still in progress
        assertThat(TripFinder.tripAt(orders, 65 * MIN)).get().extracting(t -> t.first().orderId()).isEqualTo("b1");
        // at 95 min: b2 in progress, on a trip of its own
        assertThat(TripFinder.tripAt(orders, 95 * MIN)).get().extracting(t -> t.first().orderId()).isEqualTo("b2");
        assertThat(TripFinder.trips(orders)).hasSize(2);
        assertThat(TripFinder.trips(orders).get(1).end()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void ordersAcceptedAtTheSameInstantGoToTheSmallerPlatformIdThenOrderId() {
        List<OrderSpan> orders = List.of(order("swiftmeal", "a", 10, 40), order("boxrun", "z", 10, 30),
                order("boxrun", "y", 10, 20));
        assertThat(TripFinder.tripAt(orders, 15 * MIN)).get().extracting(t -> t.first().orderId()).isEqualTo("y");
    }

    @Test
    void onlyOrdersAcceptedByTheIncidentAreConsidered() {
        // b1 accepted at 41 min after s1 ended at 40: an incident at 40 is on s1's trip, not extended by b1
        List<OrderSpan> orders = List.of(order("swiftmeal", "s1", 10, 40), order("boxrun", "b1", 41, 60));
        assertThat(TripFinder.tripAt(orders, 40 * MIN)).get().extracting(t -> t.orders().size()).isEqualTo(1);
    }
}
