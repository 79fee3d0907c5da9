package org.gigwatch.simulator.oracle;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.function.Consumer;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/**
 * An ISO week (Monday..Sunday, local) wholly inside the range with working time on all seven days; windowed on
 * the week, measured in days worked (7).
 */
public final class NoRestDayOracle implements RuleOracle {
    @Override
    public Rule rule() {
        return Rule.NO_REST_DAY;
    }

    @Override
    public void check(Subject s, Consumer<ExpectedViolation> out) {
        if (!s.rules().weeklyRestDay()) {
            return;
        }
        LocalDate monday = s.range().first().with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        for (; s.range().containsWeek(monday); monday = monday.plusWeeks(1)) {
            int worked = 0;
            for (int d = 0; d < 7; d++) {
                if (s.workedMs(monday.plusDays(d)) > 0) {
                    worked++;
                }
            }
            if (worked == 7) {
                out.accept(s.violation(rule(), s.dayStart(monday), s.dayStart(monday.plusWeeks(1)), worked, null));
            }
        }
    }
}
