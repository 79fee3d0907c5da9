package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.RulePack;
import org.junit.jupiter.api.Test;

class ViolationLineTest {
    private final RulePack cn = RulePack.shipped("cn");

    private static Violation.Builder restBreak() {
        return Violation.newBuilder().setAlertId("a-1").setRuleId("REST_BREAK").setScope(Scope.PLATFORM)
                .setPlatformId("swiftmeal").setWorkerKey("swiftmeal/w1").setRegion("330600")
                .setWindowStart(Instant.parse("2025-09-29T01:02:00Z")) // 09:02 in Shaoxing
                .setThreshold(240 * 60).setUnit("SECONDS").setRuleDataVersion("cn");
    }

    @Test
    void anOpenRestBreakSaysTheLimitWasPassed() {
        Violation open = restBreak().setStatus(ViolationStatus.OPEN).setMeasured(240 * 60)
                .setWindowEnd(Instant.parse("2025-09-29T05:02:00Z")).setDetectedAt(Instant.parse("2025-09-29T05:02:00Z")).build();

        assertThat(ViolationLine.format(open, cn)).isEqualTo("violation REST_BREAK  OPEN    PLATFORM       worker swiftmeal/w1, "
                + "region 330600, 2025-09-29 09:02 to 13:02 Asia/Shanghai: worked past 4 h 00 min without a qualifying rest, still working");
    }

    @Test
    void anUpdatedRestBreakGivesTheStretchsFinalLength() {
        Violation updated = restBreak().setStatus(ViolationStatus.UPDATED).setMeasured(4 * 3600 + 43 * 60 + 15)
                .setWindowEnd(Instant.parse("2025-09-29T06:22:00Z")).setDetectedAt(Instant.parse("2025-09-29T06:22:00Z")).build();

        assertThat(ViolationLine.format(updated, cn))
                .endsWith("2025-09-29 09:02 to 14:22 Asia/Shanghai: worked 4 h 43 min 15 s without a qualifying rest (limit 4 h 00 min)");
    }
}
