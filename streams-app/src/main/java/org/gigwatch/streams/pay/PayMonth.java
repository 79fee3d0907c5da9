package org.gigwatch.streams.pay;

import java.util.ArrayList;
import java.util.List;

/** One account's calendar month of payouts (by local paidAt): state for WITHHELD_PAY, public fields for JSON. */
public final class PayMonth {
    /** Σ FINE lines. */
    public long fines;
    /** Σ BASE + INCENTIVE + TIP lines. */
    public long pay;
    /** The payouts that carried fines: the evidence. */
    public List<String> finedPayouts = new ArrayList<>();
}
