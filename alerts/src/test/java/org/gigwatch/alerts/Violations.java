package org.gigwatch.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;

/** Violations as the rule topologies write them, for tests. */
final class Violations {
    static final Instant START = Instant.parse("2025-09-29T08:02:00+08:00");

    /** A REST_BREAK of swiftmeal worker w1 in Shaoxing, opened at 4 h; change what a test needs with the builder. */
    static Violation.Builder restBreak(String alertId) {
        return Violation.newBuilder()
                .setAlertId(alertId)
                .setRuleId("REST_BREAK")
                .setScope(Scope.PLATFORM)
                .setStatus(ViolationStatus.OPEN)
                .setPlatformId("swiftmeal")
                .setPlatforms(List.of("swiftmeal"))
                .setIndustries(List.of("FOOD_DELIVERY"))
                .setWorkerKey("swiftmeal/w1")
                .setRegion("330600")
                .setWindowStart(START)
                .setWindowEnd(START.plusSeconds(4 * 3600))
                .setDetectedAt(START.plusSeconds(4 * 3600))
                .setMeasured(4 * 3600)
                .setThreshold(4 * 3600)
                .setUnit("SECONDS")
                .setRuleDataVersion("cn/categories.json#INDEPENDENT")
                .setEvidenceEventIds(List.of("e1"))
                .setDetails(Map.of("category", "INDEPENDENT",
                        "intervals", START + "/" + START.plusSeconds(4 * 3600)));
    }

    /** A violation of another rule on another platform in another region, otherwise like {@link #restBreak}. */
    static Violation.Builder of(String alertId, String ruleId, String platform, String industry, String region) {
        return restBreak(alertId).setRuleId(ruleId).setPlatformId(platform).setPlatforms(List.of(platform))
                .setIndustries(List.of(industry)).setWorkerKey(platform + "/w1").setRegion(region);
    }

    private Violations() {}
}
