package org.gigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.generate.Scenario;
import org.gigwatch.simulator.model.AccountHistory;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.Worker;
import org.gigwatch.simulator.oracle.WorkingTime;
import org.junit.jupiter.api.Test;

/** With no injections nothing is a violation, and the baseline keeps its margins. */
class CompliantWorldTest {
    private static final RulePack CN = RulePack.shipped("cn");
    private static final SimRange RANGE = new SimRange(LocalDate.of(2025, 9, 29), 35);

    @Test
    void atRateZeroTheOracleFindsNothing() {
        Simulator simulator = new Simulator(SimulatorConfig.builder().seed(21).workers(400).startDate(RANGE.first())
                .days(RANGE.days()).violationRate(0).dualPlatformShare(0.3).build());
        assertThat(simulator.groundTruth().violations()).isEmpty();
        assertThat(simulator.injections()).isEmpty();
    }

    @Test
    void theBaselineKeepsClearOfEveryLimit() {
        Scenario scenario = new Scenario(22, 300, 0.3, 0, CN, RANGE);
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        long longestStretch = 0;
        double lowestPayToFloor = Double.MAX_VALUE;
        Map<EmploymentCategory, Long> longestDay = new HashMap<>();
        for (int i = 0; i < scenario.size(); i++) {
            Worker worker = scenario.worker(i);
            CategoryRules rules = CN.category(worker.category());
            for (AccountHistory account : scenario.history(i).history().accounts()) {
                List<Interval> working = WorkingTime.of(account.sessions());
                longestStretch = Math.max(longestStretch, longestStretch(working, rules.qualifyingRestMinutes() * 60_000L));
                for (LocalDate day : RANGE.dates()) {
                    long from = SimRange.startOf(day, zone);
                    long ms = WorkingTime.within(working, from, SimRange.startOf(day.plusDays(1), zone));
                    longestDay.merge(worker.category(), ms, Math::max);
                    long pay = account.orders().stream().filter(o -> o.delivered() && o.endedAt() >= from
                            && o.endedAt() < from + 86_400_000L).mapToLong(Order::pay).sum();
                    var floor = CN.minimumWageOn(worker.region(), day);
                    if (rules.minimumWage() && floor.isPresent() && ms >= 3_600_000L && !CN.isHoliday(day)) {
                        lowestPayToFloor = Math.min(lowestPayToFloor, pay * 3_600_000.0 / ms / floor.get().getHourly());
                    }
                }
            }
        }
        assertThat(longestStretch).as("no stretch over 3.5 h").isLessThanOrEqualTo(210 * 60_000L);
        assertThat(lowestPayToFloor).as("pay per hour over the floor").isGreaterThanOrEqualTo(1.3);
        assertThat(longestDay.get(EmploymentCategory.LABOR_CONTRACT))
                .isLessThanOrEqualTo(CN.category(EmploymentCategory.LABOR_CONTRACT).dailyStandardMinutes() * 60_000L);
        assertThat(longestDay.get(EmploymentCategory.MANAGED_NON_EMPLOYEE))
                .isLessThanOrEqualTo((CN.category(EmploymentCategory.MANAGED_NON_EMPLOYEE).dailyMaximumMinutes() - 120) * 60_000L);
        assertThat(longestDay.get(EmploymentCategory.INDEPENDENT)).as("long independent days exist")
                .isGreaterThan(10 * 3_600_000L);
    }

    private static long longestStretch(List<Interval> working, long rest) {
        long longest = 0;
        long current = 0;
        for (int i = 0; i < working.size(); i++) {
            boolean joined = i > 0 && working.get(i).start() - working.get(i - 1).end() < rest;
            current = (joined ? current : 0) + working.get(i).length();
            longest = Math.max(longest, current);
        }
        return longest;
    }
}
