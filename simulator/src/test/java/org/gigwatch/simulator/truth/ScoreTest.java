package org.gigwatch.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreTest {
    private static final Instant NINE = Instant.parse("2025-10-14T01:00:00Z");

    private static ExpectedViolation expected(Rule rule, Scope scope, String worker, Instant start) {
        return new ExpectedViolation(rule, scope, worker, scope == Scope.PLATFORM ? "swiftmeal" : null, "310000", start,
                start.plusSeconds(3600), 100, null, true);
    }

    @Test
    void matchesOnRuleScopeWorkerAndWindowStart() {
        GroundTruth truth = new GroundTruth(List.of(
                expected(Rule.REST_BREAK, Scope.PLATFORM, "swiftmeal/a", NINE),
                expected(Rule.REST_BREAK, Scope.CROSS_PLATFORM, "k", NINE),
                expected(Rule.MIN_WAGE, Scope.PLATFORM, "swiftmeal/a", NINE.minusSeconds(3600))));
        List<ViolationKey> found = List.of(
                new ViolationKey("REST_BREAK", Scope.PLATFORM, "swiftmeal/a", NINE),
                new ViolationKey("REST_BREAK", Scope.PLATFORM, "swiftmeal/a", NINE), // an UPDATE of the same one
                new ViolationKey("REST_BREAK", Scope.CROSS_PLATFORM, "k", NINE.plusSeconds(1)), // wrong window
                new ViolationKey("DAILY_HOURS", Scope.PLATFORM, "swiftmeal/a", NINE)); // not in the truth
        Score score = Score.of(truth, found);
        assertThat(score).isEqualTo(new Score(3, 3, 1));
        assertThat(score.precision()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(score.recall()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(Score.byRule(truth.keys(), found).get("MIN_WAGE")).isEqualTo(new Score(1, 0, 0));
        assertThat(Score.of(List.of(), List.of()).precision()).isEqualTo(1.0);
    }

    @Test
    void aMonitorsAlertIsKeyedLikeTheTruth() {
        Violation alert = Violation.newBuilder().setAlertId("x").setRuleId("REST_BREAK").setScope(Scope.PLATFORM)
                .setStatus(ViolationStatus.OPEN).setWorkerKey("swiftmeal/a").setRegion("310000").setWindowStart(NINE)
                .setWindowEnd(NINE.plusSeconds(60)).setDetectedAt(NINE).setMeasured(1).setThreshold(1).setUnit("SECONDS")
                .setRuleDataVersion("v").build();
        assertThat(ViolationKey.of(alert)).isEqualTo(expected(Rule.REST_BREAK, Scope.PLATFORM, "swiftmeal/a", NINE).key());
    }

    @Test
    void aQuotaAlertHasNoWorkerAndIsKeyedByPlatformRegionAndRole() {
        Violation alert = Violation.newBuilder().setAlertId("q").setRuleId("QUOTA").setScope(Scope.PLATFORM)
                .setStatus(ViolationStatus.OPEN).setPlatformId("swiftmeal").setWorkerKey(null).setRegion("310000")
                .setWindowStart(NINE).setWindowEnd(NINE.plusSeconds(86_400)).setDetectedAt(NINE).setMeasured(8666)
                .setThreshold(9000).setUnit("BASIS_POINTS").setRuleDataVersion("v")
                .setDetails(Map.of(ViolationKey.ROLE, "rider")).build();
        assertThat(ViolationKey.of(alert))
                .isEqualTo(expected(Rule.QUOTA, Scope.PLATFORM, "swiftmeal/310000/rider", NINE).key());
    }

    @Test
    void theGroundTruthFileIsOneJsonObjectPerLineAndReadsBack(@TempDir Path dir) throws Exception {
        GroundTruth truth = new GroundTruth(List.of(expected(Rule.REST_BREAK, Scope.CROSS_PLATFORM, "k", NINE),
                expected(Rule.MIN_WAGE, Scope.PLATFORM, "swiftmeal/a", NINE.minusSeconds(3600))));
        Path file = dir.resolve("truth.jsonl");
        truth.write(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"rule\":\"MIN_WAGE\",\"scope\":\"PLATFORM\",\"worker\":\"swiftmeal/a\","
                + "\"platformId\":\"swiftmeal\",\"region\":\"310000\",\"windowStart\":\"2025-10-14T00:00:00Z\","
                + "\"windowEnd\":\"2025-10-14T01:00:00Z\",\"measured\":100,\"shortfall\":null,\"injected\":true}");
        assertThat(lines.get(1)).contains("\"platformId\":null");
        assertThat(GroundTruth.read(file)).isEqualTo(truth);
    }
}
