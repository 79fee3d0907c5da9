package org.gigwatch.simulator.oracle;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/**
 * Per local day with at least the judged minimum of working time: pay (base + incentive of the orders delivered
 * that day) below due = floor(hourly minimum in force that day × working ms / 3,600,000). Integer fen only.
 * Measured = pay; shortfall = due − pay. A day with no minimum in force is not judged.
 */
public final class MinWageOracle implements RuleOracle {
    private final RulePack pack;

    public MinWageOracle(RulePack pack) {
        this.pack = pack;
    }

    @Override
    public Rule rule() {
        return Rule.MIN_WAGE;
    }

    @Override
    public void check(Subject s, Consumer<ExpectedViolation> out) {
        if (!s.rules().minimumWage()) {
            return;
        }
        for (LocalDate day : s.range().dates()) {
            long worked = s.workedMs(day);
            Optional<MinimumWage> floor = pack.minimumWageOn(s.region(), day);
            if (worked < s.rules().minimumJudgedMinutes() * 60_000L || floor.isEmpty()) {
                continue;
            }
            long due = Math.multiplyExact(floor.get().getHourly(), worked) / 3_600_000L;
            long pay = s.payOn(day);
            if (pay < due) {
                out.accept(s.violation(rule(), s.dayStart(day), s.dayStart(day.plusDays(1)), pay, due - pay));
            }
        }
    }
}
