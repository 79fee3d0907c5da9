package org.gigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gigwatch.avro.Scope;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.GroundTruth;
import org.gigwatch.simulator.truth.Injection;
import org.gigwatch.simulator.truth.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle against the injection labels, over a world big enough to hold every kind of case: 35 days from
 * Monday 2025-09-29 (the National Day and Mid-Autumn holidays, the whole of October).
 */
class GroundTruthTest {
    private static Simulator simulator;
    private static GroundTruth truth;
    private static List<Injection> injections;

    @BeforeAll
    static void simulate() {
        simulator = new Simulator(SimulatorConfig.builder().seed(7).workers(400).startDate(LocalDate.of(2025, 9, 29))
                .days(35).violationRate(0.05).dualPlatformShare(0.3).build());
        truth = simulator.groundTruth();
        injections = simulator.injections();
    }

    @Test
    void everyViolationTheOracleFindsWasInjected() {
        List<ExpectedViolation> unexplained = truth.violations().stream().filter(v -> !v.injected()).toList();
        assertThat(unexplained).as("violations of the compliant baseline").isEmpty();
    }

    @Test
    void everyInjectedViolationIsFoundExactlyOnce() {
        List<String> problems = new ArrayList<>();
        for (Injection injection : injections) {
            long found = truth.violations().stream().filter(injection::explains).count();
            if (injection.violation() && found != 1) {
                problems.add(found + "x " + injection);
            }
            if (!injection.violation() && found != 0) {
                problems.add("near miss found: " + injection);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void countsPerRuleAndScopeEqualTheInjectedCounts() {
        Map<Scope, Map<Rule, Integer>> injected = new TreeMap<>();
        for (Injection injection : injections) {
            if (injection.violation()) {
                injected.computeIfAbsent(injection.scope(), s -> new EnumMap<>(Rule.class))
                        .merge(injection.rule(), 1, Integer::sum);
            }
        }
        System.out.println("injected: " + injected);
        System.out.println("found:    " + truth.counts());
        assertThat(truth.counts()).isEqualTo(injected);
    }

    @Test
    void everyRuleInScopeIsInjectedInBothOutcomes() {
        for (Rule rule : Rule.values()) {
            if (rule == Rule.QUOTA) {
                continue; // 400 workers make no group of 30 workers a day: QuotaWorldTest covers it
            }
            assertThat(injections).as(rule + " injected").anyMatch(i -> i.rule() == rule && i.violation());
        }
        for (Rule rule : List.of(Rule.REST_BREAK, Rule.DAILY_HOURS, Rule.MONTHLY_OVERTIME, Rule.NO_REST_DAY)) {
            assertThat(injections).as(rule + " cross-platform")
                    .anyMatch(i -> i.rule() == rule && i.scope() == Scope.CROSS_PLATFORM && i.violation());
        }
        for (Rule rule : List.of(Rule.REST_BREAK, Rule.DAILY_HOURS, Rule.MIN_WAGE, Rule.WAGE_ARREARS, Rule.WITHHELD_PAY,
                Rule.INJURY_RESPONSIBILITY)) {
            assertThat(injections).as(rule + " near miss").anyMatch(i -> i.rule() == rule && !i.violation());
        }
    }

    @Test
    void incidentsFallOnMultiPlatformTripsOnTripsAtTheirEndAndBetweenThem() {
        List<String> variants = injections.stream().filter(i -> i.rule() == Rule.INJURY_RESPONSIBILITY)
                .map(Injection::variant).distinct().toList();
        assertThat(variants).containsExactlyInAnyOrder("multi-platform-trip", "on-trip", "trip-end", "between-trips");
        assertThat(injections).filteredOn(i -> i.variant().equals("between-trips")).noneMatch(Injection::violation);
    }
}
