package org.gigwatch.simulator.truth;

/** The rules the simulator injects and the oracle judges (ids as in RULES.md and in Violation.ruleId). */
public enum Rule {
    REST_BREAK, DAILY_HOURS, MONTHLY_OVERTIME, NO_REST_DAY, MIN_WAGE, HOLIDAY_PAY, DEPOSIT, WAGE_ARREARS, WITHHELD_PAY;

    /** Rules about working time, judged in both scopes; the others are about one platform's pay. */
    public boolean aboutTime() {
        return this == REST_BREAK || this == DAILY_HOURS || this == MONTHLY_OVERTIME || this == NO_REST_DAY;
    }
}
