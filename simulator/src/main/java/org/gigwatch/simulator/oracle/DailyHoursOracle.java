package org.gigwatch.simulator.oracle;

import java.time.LocalDate;
import java.util.function.Consumer;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/** Working time in a local day above the category's daily maximum; windowed on the day, measured in seconds. */
public final class DailyHoursOracle implements RuleOracle {
    @Override
    public Rule rule() {
        return Rule.DAILY_HOURS;
    }

    @Override
    public void check(Subject s, Consumer<ExpectedViolation> out) {
        Integer maximum = s.rules().dailyMaximumMinutes();
        if (maximum == null) {
            return;
        }
        for (LocalDate day : s.range().dates()) {
            long worked = s.workedMs(day);
            if (worked > maximum * 60_000L) {
                out.accept(s.violation(rule(), s.dayStart(day), s.dayStart(day.plusDays(1)), worked / 1000, null));
            }
        }
    }
}
