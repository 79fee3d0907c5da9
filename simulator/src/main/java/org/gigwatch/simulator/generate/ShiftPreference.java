package org.gigwatch.simulator.generate;

/** When a worker likes to start (seconds after local midnight); night drivers may work past midnight. */
enum ShiftPreference {
    EARLY(6 * 3600 + 1800, 8 * 3600),
    DAY(9 * 3600, 10 * 3600 + 1800),
    LATE(13 * 3600, 15 * 3600),
    NIGHT(17 * 3600, 19 * 3600 + 1800);

    final int earliestStart;
    final int latestStart;

    ShiftPreference(int earliestStart, int latestStart) {
        this.earliestStart = earliestStart;
        this.latestStart = latestStart;
    }
}
