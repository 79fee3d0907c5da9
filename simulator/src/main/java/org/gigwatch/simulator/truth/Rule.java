package org.gigwatch.simulator.truth;

/**
 * The rules the simulator injects and the oracle judges (ids as in RULES.md and in Violation.ruleId). QUOTA is
 * judged per platform, region, role and day, not per worker; INJURY_RESPONSIBILITY is a finding per incident (which
 * platform insures the trip), not a breach.
 */
public enum Rule {
    REST_BREAK, DAILY_HOURS, MONTHLY_OVERTIME, NO_REST_DAY, MIN_WAGE, HOLIDAY_PAY, DEPOSIT, WAGE_ARREARS, WITHHELD_PAY,
    QUOTA, INJURY_RESPONSIBILITY;

    /** Rules about working time, judged in both scopes; the others are about one platform's pay. */
    public boolean aboutTime() {
        return this == REST_BREAK || this == DAILY_HOURS || this == MONTHLY_OVERTIME || this == NO_REST_DAY;
    }
}
