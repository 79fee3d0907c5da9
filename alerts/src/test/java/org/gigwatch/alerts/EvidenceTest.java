package org.gigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.RulePack;
import org.junit.jupiter.api.Test;

class EvidenceTest {
    private final Evidence evidence = new Evidence(RulePack.shipped("cn"));

    private static Instant at(String localTime) {
        return Instant.parse("2025-09-29T" + localTime + ":00+08:00");
    }

    @Test
    void aCrossPlatformRestBreakIsToldFromItsIntervals() {
        Violation v = Violations.restBreak("a").setScope(Scope.CROSS_PLATFORM).setStatus(ViolationStatus.UPDATED)
                .setPlatforms(List.of("swiftmeal", "roadly")).setMeasured(4 * 3600 + 29 * 60 - 12 * 60)
                .setDetails(Map.of("category", "LABOR_CONTRACT", "intervals",
                        at("08:02") + "/" + at("10:10") + "," + at("10:22") + "/" + at("11:00") + "," + at("11:05") + "/" + at("12:31")))
                .build();

        assertThat(evidence.describe(v)).isEqualTo("online 08:02–12:31 on 2 platforms (swiftmeal, roadly), longest gap 12 min, "
                + "no rest of 20 min: 4 h 17 min without a qualifying rest (limit 4 h 00 min)");
    }

    @Test
    void dailyHoursNamesTheDayTheLimitAndTheStretches() {
        Violation v = Violations.of("b", "DAILY_HOURS", "roadly", "RIDE_HAILING", "330600").setMeasured(9 * 3600 + 12 * 60)
                .setThreshold(8 * 3600).setWindowStart(at("00:00"))
                .setDetails(Map.of("intervals", at("07:10") + "/" + at("11:40") + "," + at("12:30") + "/" + at("18:52"))).build();

        assertThat(evidence.describe(v)).isEqualTo(
                "worked 9 h 12 min on Mon 29 Sep 2025 (limit 8 h 00 min), online 07:10–18:52 in 2 stretches on roadly");
    }

    @Test
    void otherRulesAreToldFromTheirUnitsAndMoney() {
        Violation wage = Violations.of("c", "MIN_WAGE", "dashbite", "FOOD_DELIVERY", "330600").setUnit("MINOR_UNITS_PER_HOUR")
                .setMeasured(1_850).setThreshold(2_200).setShortfall(1_400L).setCurrency("CNY").setDetails(Map.of()).build();
        Violation deposit = Violations.of("d", "DEPOSIT", "boxrun", "COURIER", "330600").setUnit("MINOR_UNITS")
                .setMeasured(50_000).setThreshold(0).setShortfall(50_000L).setCurrency("USD").setDetails(Map.of()).build();
        Violation novel = Violations.of("e", "SOMETHING_NEW", "boxrun", "COURIER", "330600").setUnit("PARCELS")
                .setMeasured(130).setThreshold(100).setDetails(Map.of()).build();

        assertThat(evidence.describe(wage)).isEqualTo("MIN_WAGE: paid ¥18.50 an hour (minimum ¥22.00 an hour); owed to the worker: ¥14.00");
        assertThat(evidence.describe(deposit)).isEqualTo("DEPOSIT: 500.00 USD (limit 0.00 USD); owed to the worker: 500.00 USD");
        assertThat(evidence.describe(novel)).isEqualTo("SOMETHING_NEW: measured 130 PARCELS against a limit of 100 PARCELS");
    }

    @Test
    void aRestBreakWithoutIntervalsStillSaysWhatWasFound() {
        Violation v = Violations.restBreak("f").setDetails(Map.of()).build();

        assertThat(evidence.describe(v)).isEqualTo("no rest of 20 min: past 4 h 00 min without a qualifying rest, still working");
    }
}
