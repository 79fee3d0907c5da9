package org.gigwatch.streams.pay;

import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One platform account (key platformId/workerId) as the pay rules see it (state: public fields for the JSON state
 * serde). Its days are in a store of their own (key {@code account|date}), so an order touches one small record.
 */
public final class PayAccount {
    /** EmploymentCategory from the registration (or the WorkingDay); null while unknown. */
    public String category;
    /** The region of its latest event: local days and the minimum wage are the region's. */
    public String region;
    /** The currency of its latest order or payout. */
    public String currency;
    /** Days (ISO dates) whose working time has come and that wait for their pay to be complete to be judged. */
    public TreeSet<String> awaiting = new TreeSet<>();
    /** Calendar months (yyyy-MM, local) of payouts not yet judged. */
    public TreeMap<String, PayMonth> months = new TreeMap<>();
    public WageArrears arrears = new WageArrears();
    /** Days before this one (ISO date) have been dropped from the days store; null if none yet. */
    public String keptFrom;
    /** When its timer is set for (the clock value at which something is next due); null if none. */
    public Long scheduled;
}
