package org.gigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.generate.Scenario;
import org.gigwatch.simulator.model.PublishedQuota;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.oracle.QuotaOracle;
import org.gigwatch.simulator.oracle.QuotaOracle.AccountDay;
import org.gigwatch.simulator.truth.GroundTruth;
import org.gigwatch.simulator.truth.Injection;
import org.gigwatch.simulator.truth.Rule;
import org.gigwatch.simulator.truth.ViolationKey;
import org.junit.jupiter.api.Test;

/** Quotas need groups of 30 workers a day: a world of 1,500 people over a week. */
class QuotaWorldTest {
    private static final RulePack CN = RulePack.shipped("cn");
    private static final SimRange WEEK = new SimRange(LocalDate.of(2025, 10, 13), 7);

    @Test
    void everyInfeasibleQuotaInjectedIsFoundOnceAndNoNearMissIs() {
        Simulator simulator = new Simulator(SimulatorConfig.builder().seed(11).workers(1500).startDate(WEEK.first())
                .days(WEEK.days()).violationRate(0.3).dualPlatformShare(0.2).build());
        GroundTruth truth = simulator.groundTruth();
        List<Injection> quotaCases = simulator.injections().stream().filter(i -> i.rule() == Rule.QUOTA).toList();
        List<String> problems = new ArrayList<>();
        truth.violations().stream().filter(v -> !v.injected()).forEach(v -> problems.add("not injected: " + v));
        for (Injection injection : simulator.injections()) {
            long found = truth.violations().stream().filter(injection::explains).count();
            if (found != (injection.violation() ? 1 : 0)) {
                problems.add(found + " found for " + injection);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(quotaCases).as("infeasible quotas").anyMatch(Injection::violation)
                .as("near misses").anyMatch(i -> !i.violation());
        assertThat(truth.violations()).filteredOn(v -> v.rule() == Rule.QUOTA).isNotEmpty().allSatisfy(v -> {
            assertThat(v.worker()).matches(v.platformId() + "/" + v.region() + "/(rider|driver|courier)");
            assertThat(v.measured()).isLessThan(9000);
        });
        // each injected day has its own quota, in force for that day only
        for (Injection injection : quotaCases) {
            LocalDate day = WEEK.dates().stream().filter(d -> SimRange.startOf(d, zone()) == injection.from())
                    .findFirst().orElseThrow();
            assertThat(simulator.quotas()).as(injection.toString()).anyMatch(q -> q.effectiveFrom().equals(day)
                    && injection.worker().equals(ViolationKey.quotaSubject(q.platformId(), q.region(), q.role())));
        }
    }

    @Test
    void atRateZeroEveryQuotaIsFeasibleWhereThirtyOrMoreAreJudged() {
        Scenario scenario = new Scenario(12, 1500, 0.2, 0, CN, WEEK);
        List<PublishedQuota> quotas = scenario.quotas();
        QuotaOracle oracle = new QuotaOracle(CN, WEEK);
        List<AccountDay> days = IntStream.range(0, scenario.size()).parallel()
                .mapToObj(i -> oracle.days(scenario.history(i).history())).flatMap(List::stream).toList();
        assertThat(quotas).as("one quota per platform, region and role, from the first day")
                .allMatch(q -> q.effectiveFrom().equals(WEEK.first()))
                .extracting(q -> ViolationKey.quotaSubject(q.platformId(), q.region(), q.role())).doesNotHaveDuplicates()
                .hasSize(days.stream().map(d -> ViolationKey.quotaSubject(d.platformId(), d.region(), d.role()))
                        .collect(Collectors.toSet()).size());
        Map<String, List<AccountDay>> groups = days.stream().collect(Collectors.groupingBy(
                d -> ViolationKey.quotaSubject(d.platformId(), d.region(), d.role()) + "@" + d.day()));
        long judged = groups.values().stream().filter(members -> {
            AccountDay any = members.get(0);
            int n = QuotaOracle.inForce(quotas, any.platformId(), any.region(), any.role(), any.day(), Long.MAX_VALUE)
                    .orElseThrow().ordersPerDay();
            return QuotaOracle.share(members, n).judged() >= QuotaOracle.MINIMUM_WORKERS;
        }).count();
        assertThat(judged).as("group-days with 30 workers judged").isPositive();
        assertThat(oracle.judge(quotas, days)).isEmpty();
    }

    private static java.time.ZoneId zone() {
        return CN.region("310000").zone();
    }
}
