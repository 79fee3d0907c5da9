package org.gigwatch.simulator.generate;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** An account's earnings by local day of delivery (base, incentive, tip); folded up once paid for. */
final class EarningsLedger {
    private final TreeMap<LocalDate, long[]> days = new TreeMap<>();
    private final long[] folded = new long[3];
    private LocalDate foldedThrough = LocalDate.MIN;

    void add(LocalDate day, long base, long incentive, long tip) {
        if (!day.isAfter(foldedThrough)) {
            throw new IllegalStateException("earnings of " + day + " arrived after it was paid for");
        }
        long[] sums = days.computeIfAbsent(day, d -> new long[3]);
        sums[0] += base;
        sums[1] += incentive;
        sums[2] += tip;
    }

    /** Base, incentive and tip earned on every day up to and including {@code day}. */
    long[] cumulativeThrough(LocalDate day) {
        long[] sums = folded.clone();
        for (long[] d : days.headMap(day, true).values()) {
            for (int k = 0; k < 3; k++) {
                sums[k] += d[k];
            }
        }
        return sums;
    }

    /** Folds the days up to {@code day} into one total: memory stays bounded by the unpaid days. */
    void fold(LocalDate day) {
        Map<LocalDate, long[]> paid = days.headMap(day, true);
        for (long[] d : paid.values()) {
            for (int k = 0; k < 3; k++) {
                folded[k] += d[k];
            }
        }
        paid.clear();
        if (day.isAfter(foldedThrough)) {
            foldedThrough = day;
        }
    }
}
