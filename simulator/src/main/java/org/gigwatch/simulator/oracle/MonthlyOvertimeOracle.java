package org.gigwatch.simulator.oracle;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.function.Consumer;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/**
 * Overtime = the sum over a calendar month's local days of the working time above the daily standard; above the
 * monthly maximum is one violation per month. Only months wholly inside the range are judged. Measured in seconds.
 */
public final class MonthlyOvertimeOracle implements RuleOracle {
    @Override
    public Rule rule() {
        return Rule.MONTHLY_OVERTIME;
    }

    @Override
    public void check(Subject s, Consumer<ExpectedViolation> out) {
        Integer maximum = s.rules().monthlyOvertimeMaximumMinutes();
        Integer standard = s.rules().dailyStandardMinutes();
        if (maximum == null || standard == null) {
            return;
        }
        for (YearMonth month = YearMonth.from(s.range().first()); !month.atDay(1).isAfter(s.range().last());
                month = month.plusMonths(1)) {
            if (!s.range().containsMonth(month)) {
                continue;
            }
            long overtime = 0;
            for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                overtime += Math.max(0, s.workedMs(day) - standard * 60_000L);
            }
            if (overtime > maximum * 60_000L) {
                out.accept(s.violation(rule(), s.dayStart(month.atDay(1)), s.dayStart(month.plusMonths(1).atDay(1)),
                        overtime / 1000, null));
            }
        }
    }
}
