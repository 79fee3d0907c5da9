package org.gigwatch.streams.pay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One account's local day (state: public fields for the JSON state serde): the money of the orders delivered that
 * day and, once the working-time topology has closed the day, its working time.
 */
public final class PayDay {
    /** Base + incentive of the orders delivered that day (tips excluded): pay for MIN_WAGE and HOLIDAY_PAY. */
    public long pay;
    /** Base + incentive + tip of the same orders: what the platform owes for the day (WAGE_ARREARS). */
    public long earnings;
    /** Working time of the day in the pack's basis, from the WorkingDay record; null until it has come. */
    public Long workedMs;
    /** The WorkingDay's online and order time, kept as evidence whatever the basis. */
    public long onlineMs;
    public long orderMs;
    /** True once MIN_WAGE and HOLIDAY_PAY have judged the day: a day is judged exactly once. */
    public boolean judged;
    /** DELIVERED event id → pay (base + incentive), the evidence; dropped once the day is judged. */
    public Map<String, Long> orders = new LinkedHashMap<>();

    /** Adds one delivered order. */
    public void delivered(String eventId, long basePlusIncentive, long tip) {
        pay = Math.addExact(pay, basePlusIncentive);
        earnings = Math.addExact(earnings, Math.addExact(basePlusIncentive, tip));
        if (!judged) {
            orders.put(eventId, basePlusIncentive);
        }
    }
}
