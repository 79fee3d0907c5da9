package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.gigwatch.avro.OrderEventType;
import org.gigwatch.streams.workingtime.SessionPresence.Change;
import org.junit.jupiter.api.Test;

/** The written rules for orders: simultaneous orders count once, malformed ones invent no time. */
class OrderPresenceTest {
    private final OrderPresence orders = new OrderPresence();

    @Test
    void overlappingOrdersAreOneEngagementFromTheFirstAcceptToTheLastClose() {
        assertThat(orders.apply(OrderEventType.OFFERED, "a")).isEqualTo(Change.NONE);
        assertThat(orders.apply(OrderEventType.ACCEPTED, "a")).isEqualTo(Change.ONLINE);
        assertThat(orders.apply(OrderEventType.ACCEPTED, "b")).isEqualTo(Change.NONE);
        assertThat(orders.apply(OrderEventType.PICKED_UP, "a")).isEqualTo(Change.NONE);
        assertThat(orders.apply(OrderEventType.DELIVERED, "a")).isEqualTo(Change.NONE);
        assertThat(orders.engaged()).isTrue();
        assertThat(orders.apply(OrderEventType.CANCELLED, "b")).isEqualTo(Change.OFFLINE);
        assertThat(orders.engaged()).isFalse();
    }

    @Test
    void malformedOrdersAreAnomaliesThatChangeNothing() {
        assertThat(orders.apply(OrderEventType.DELIVERED, "never-accepted")).isEqualTo(Change.ANOMALY);
        assertThat(orders.apply(OrderEventType.ACCEPTED, "a")).isEqualTo(Change.ONLINE);
        assertThat(orders.apply(OrderEventType.ACCEPTED, "a")).isEqualTo(Change.ANOMALY);
        assertThat(orders.apply(OrderEventType.DELIVERED, "a")).isEqualTo(Change.OFFLINE);
        assertThat(orders.apply(OrderEventType.DELIVERED, "a")).isEqualTo(Change.ANOMALY);   // delivered twice
        assertThat(orders.engaged()).isFalse();
    }

    @Test
    void aLogoutClosesEveryOpenOrder() {
        orders.apply(OrderEventType.ACCEPTED, "a");
        orders.apply(OrderEventType.ACCEPTED, "b");
        assertThat(orders.closeAll()).isEqualTo(2);
        assertThat(orders.engaged()).isFalse();
        assertThat(orders.apply(OrderEventType.DELIVERED, "a")).isEqualTo(Change.ANOMALY);  // after the logout
    }
}
