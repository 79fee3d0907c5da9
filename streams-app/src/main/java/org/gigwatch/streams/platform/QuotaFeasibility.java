package org.gigwatch.streams.platform;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * QUOTA (000 三(十一), 004 三): a quota must be one that 90% of the workers of the post can finish within the statutory
 * working day. Under a quota of n orders, a worker's day is judged if they reached n within the legal working time,
 * or worked at least that long (whoever stopped earlier without reaching it shows nothing about the quota); a
 * violation iff at least {@value #MINIMUM_WORKERS} are judged and fewer than {@value #REQUIRED_PERCENT}% of them
 * reached it (exactly 90% is no violation). The floor and the share are the rule's constants (RULES.md).
 */
public final class QuotaFeasibility {
    public static final int MINIMUM_WORKERS = 30;
    public static final int REQUIRED_PERCENT = 90;

    /**
     * Judged and reached workers, and the evidence: how long the judged took to reach the quota, by hour of working
     * time ({@code "0-1h"} … {@code "7-8h"}), and how many did not reach it within legal hours ({@code "not reached"}).
     */
    public record Share(int ordersPerDay, int judged, int reached, Map<String, Integer> timeToQuota) {
        public boolean violation() {
            return judged >= MINIMUM_WORKERS && reached * 100L < (long) REQUIRED_PERCENT * judged;
        }

        /** reached / judged in basis points, rounded down. */
        public long basisPoints() {
            return judged == 0 ? 0 : reached * 10_000L / judged;
        }

        /** {@code 0-1h:3,1-2h:0,…,not reached:5} */
        public String distribution() {
            return timeToQuota.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
        }
    }

    /** The share of these account-days (one platform, region, role and local day) under a quota of n orders. */
    public static Share share(Collection<QuotaDay> days, int n) {
        Map<String, Integer> histogram = new LinkedHashMap<>();
        long legalHours = days.stream().mapToLong(QuotaDay::legalMs).max().orElse(0) / 3_600_000L;
        for (long h = 0; h < legalHours; h++) {
            histogram.put(h + "-" + (h + 1) + "h", 0);
        }
        histogram.put("not reached", 0);
        int judged = 0;
        int reached = 0;
        for (QuotaDay d : days) {
            if (!d.judged(n)) {
                continue;
            }
            judged++;
            if (d.reached(n)) {
                reached++;
                // the hour of working time the nth delivery fell in; exactly 8:00:00 is in the last hour
                long hour = Math.min(Math.max(0, (d.workedAt()[n - 1] - 1) / 3_600_000L), Math.max(0, legalHours - 1));
                histogram.merge(hour + "-" + (hour + 1) + "h", 1, Integer::sum);
            } else {
                histogram.merge("not reached", 1, Integer::sum);
            }
        }
        return new Share(n, judged, reached, histogram);
    }

    private QuotaFeasibility() {}
}
