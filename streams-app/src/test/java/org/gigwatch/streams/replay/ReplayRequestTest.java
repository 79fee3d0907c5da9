package org.gigwatch.streams.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.streams.workingtime.StreamTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayRequestTest {
    private static final Instant FROM = Instant.parse("2025-02-28T16:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-31T16:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aRunHasItsOwnTopicsAndApplicationIdsAndReadsTheLiveRulesUnlessWhatIf() {
        StreamTopics topics = request("march", false).topics();
        assertThat(topics.sessions()).isEqualTo("gigwatch.replay.march.sessions");
        assertThat(topics.workingDays()).isEqualTo("gigwatch.replay.march.worktime.days");
        assertThat(topics.violations()).isEqualTo("gigwatch.replay.march.violations");
        assertThat(topics.minimumWages()).isEqualTo(Topics.MINIMUM_WAGES);
        assertThat(request("march", true).topics().minimumWages()).isEqualTo("gigwatch.replay.march.rules.minimum-wages");
        assertThat(request("march", false).workingTimeApplicationId()).isEqualTo("gigwatch-replay-march-working-time");
        assertThat(request("march", false).payApplicationId()).isEqualTo("gigwatch-replay-march-pay");
        assertThat(request("march", false).readFrom()).isEqualTo(FROM.minus(ReplayRequest.DEFAULT_WARM_UP));
    }

    @Test
    void badInputNamesTheFieldAndTheReason() {
        assertThatThrownBy(() -> request("a.b", false)).hasMessageStartingWith("run: 'a.b'");
        assertThatThrownBy(() -> new ReplayRequest("r", TO, FROM, Duration.ZERO, Set.of(), Set.of(), RulePack.shipped("cn"), false))
                .hasMessageStartingWith("from/to:");
        assertThatThrownBy(() -> new ReplayRequest("r", FROM, TO, Duration.ofDays(-1), Set.of(), Set.of(), RulePack.shipped("cn"), false))
                .hasMessageStartingWith("warmUp:");
    }

    @Test
    void filtersKeepEverythingWhenEmpty() {
        ReplayRequest all = request("r", false);
        assertThat(all.platformSelected("swiftmeal")).isTrue();
        ReplayRequest some = new ReplayRequest("r", FROM, TO, Duration.ZERO, Set.of("330300"), Set.of("dashbite"),
                RulePack.shipped("cn"), false);
        assertThat(some.platformSelected("swiftmeal")).isFalse();
        assertThat(some.platformSelected("dashbite")).isTrue();
        assertThat(some.regionSelected("330300")).isTrue();
        assertThat(some.regionSelected("310000")).isFalse();
    }

    @Test
    void aWhatIfFileReplacesThePacksFileOfTheSameName() throws Exception {
        Path file = Files.writeString(dir.resolve("minimum-wages.json"), """
                [{"region": "310000", "effectiveFrom": "2025-01-01", "currency": "CNY", "hourly": 2600, "monthly": 280000,
                  "tier": null, "confirmed": false, "source": "what-if"}]
                """);
        RulePack pack = WhatIfRules.load(null, "cn", List.of(file), dir);
        assertThat(pack.minimumWageOn("310000", LocalDate.of(2025, 3, 4)).orElseThrow().getHourly()).isEqualTo(2600);
        assertThat(pack.minimumWageOn("330300", LocalDate.of(2025, 3, 4))).isEmpty(); // the file is the whole table
        assertThat(pack.holidays()).isEqualTo(RulePack.shipped("cn").holidays());

        Path wrong = Files.writeString(dir.resolve("wages.json"), "[]");
        assertThatThrownBy(() -> WhatIfRules.load(null, "cn", List.of(wrong), dir)).hasMessageStartingWith("--what-if:")
                .hasMessageContaining("minimum-wages.json");
    }

    private static ReplayRequest request(String run, boolean whatIf) {
        return new ReplayRequest(run, FROM, TO, ReplayRequest.DEFAULT_WARM_UP, Set.of(), Set.of(), RulePack.shipped("cn"), whatIf);
    }
}
