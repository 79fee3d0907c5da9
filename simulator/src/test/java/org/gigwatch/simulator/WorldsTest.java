package org.gigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.GroundTruth;
import org.gigwatch.simulator.truth.Injection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The oracle agrees with the injections in worlds that stress the calendar: the Wenzhou minimum-wage change
 * (2024-01-01, also a holiday), Spring Festival in a short February, a range starting mid-week, high rates.
 */
class WorldsTest {
    @ParameterizedTest(name = "seed {0}, {1} + {2} days, rate {3}")
    @CsvSource({
        "1, 2023-12-04, 45, 0.05",
        "2, 2026-01-26, 40, 0.1",
        "3, 2025-09-24, 50, 0.2",
        "4, 2024-12-30, 40, 0.1",
        "8, 2026-02-01, 28, 0.5",
    })
    void everyInjectionIsFoundOnceAndNothingElse(long seed, LocalDate start, int days, double rate) {
        Simulator simulator = new Simulator(SimulatorConfig.builder().seed(seed).workers(200).startDate(start).days(days)
                .violationRate(rate).dualPlatformShare(0.3).build());
        GroundTruth truth = simulator.groundTruth();
        List<String> problems = new ArrayList<>();
        for (ExpectedViolation v : truth.violations()) {
            if (!v.injected()) {
                problems.add("not injected: " + v);
            }
        }
        for (Injection injection : simulator.injections()) {
            long found = truth.violations().stream().filter(injection::explains).count();
            if (found != (injection.violation() ? 1 : 0)) {
                problems.add(found + " found for " + injection);
            }
        }
        assertThat(truth.violations()).isNotEmpty();
        assertThat(problems).isEmpty();
    }
}
