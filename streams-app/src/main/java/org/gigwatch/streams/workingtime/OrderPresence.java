package org.gigwatch.streams.workingtime;

import java.util.TreeSet;
import org.gigwatch.avro.OrderEventType;

/**
 * Whether an account is engaged (order time): at least one order ACCEPTED and not yet DELIVERED or CANCELLED,
 * driven by its order events in event-time order. Simultaneous orders count once. Written rules for malformed
 * orders (docs/WORKING-TIME.md), none of which invents time:
 * <ul>
 *   <li>ACCEPTED of an order already open: ignored (the order runs from its first ACCEPTED);</li>
 *   <li>DELIVERED or CANCELLED of an order not open (never ACCEPTED, or closed already, e.g. DELIVERED twice):
 *       ignored;</li>
 *   <li>an order still open when the account logs out ends at the LOGOUT ({@link #closeAll()}).</li>
 * </ul>
 * OFFERED and PICKED_UP do not change order time.
 */
public final class OrderPresence {
    /** The orders accepted and not closed yet. */
    public TreeSet<String> open = new TreeSet<>();

    /** ONLINE: the account became engaged; OFFLINE: it is no longer; NONE or ANOMALY: no change. */
    public SessionPresence.Change apply(OrderEventType type, String orderId) {
        switch (type) {
            case ACCEPTED:
                if (!open.add(orderId)) {
                    return SessionPresence.Change.ANOMALY;
                }
                return open.size() == 1 ? SessionPresence.Change.ONLINE : SessionPresence.Change.NONE;
            case DELIVERED:
            case CANCELLED:
                if (!open.remove(orderId)) {
                    return SessionPresence.Change.ANOMALY;
                }
                return open.isEmpty() ? SessionPresence.Change.OFFLINE : SessionPresence.Change.NONE;
            default:
                return SessionPresence.Change.NONE;
        }
    }

    /** Closes every open order (the account logged out); returns how many were open. */
    public int closeAll() {
        int n = open.size();
        open.clear();
        return n;
    }

    public boolean engaged() {
        return !open.isEmpty();
    }
}
