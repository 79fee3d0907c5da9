package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.WorkingTimeBasis;
import org.junit.jupiter.api.Test;

/**
 * MONTHLY_OVERTIME by hand, through {@link WorkingTime}: a daily standard of 8 h and (to keep the sums small) a
 * monthly maximum of 2 h, in Shanghai (UTC+8, no DST), whose months begin at 16:00 UTC of the previous day.
 */
class MonthlyOvertimeRuleTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingTime.Rules RULES = new WorkingTime.Rules(WorkingTimeBasis.ONLINE, SHANGHAI, null, null,
            new MonthlyOvertimeRule(480, 120, SHANGHAI), null);

    private final WorkingTime time = new WorkingTime();
    private final List<Finding> found = new ArrayList<>();

    /** A local instant in Shanghai, e.g. at("2025-09-02", "08:00"). */
    private static long at(String date, String localTime) {
        return Instant.parse(date + "T" + (localTime.length() == 5 ? localTime + ":00" : localTime) + "+08:00").toEpochMilli();
    }

    private void work(long from, long to) {
        time.online(from, "on@" + from, RULES, found::add);
        time.offline(to, "off@" + to, RULES, found::add);
    }

    @Test
    void exactlyTheMaximumIsAllowed() {
        work(at("2025-09-02", "08:00"), at("2025-09-02", "17:00"));     // 9 h: 1 h over the standard
        work(at("2025-09-10", "08:00"), at("2025-09-10", "17:00"));     // 1 h more: 2 h, the maximum
        time.advanceTo(at("2025-10-01", "00:00"), RULES, found::add);

        assertThat(found).isEmpty();
        assertThat(time.idle()).isTrue();
    }

    @Test
    void oneSecondOverIsAViolationJudgedWhenTheLocalMonthEnds() {
        work(at("2025-09-02", "08:00"), at("2025-09-02", "17:00"));
        work(at("2025-09-10", "08:00"), at("2025-09-10", "17:00:01"));
        work(at("2025-09-11", "08:00"), at("2025-09-11", "16:00"));     // exactly the standard: no overtime
        time.advanceTo(at("2025-10-01", "00:00") - 1, RULES, found::add);
        assertThat(found).as("the month is not over").isEmpty();
        assertThat(time.due(RULES)).isEqualTo(at("2025-10-01", "00:00"));

        time.advanceTo(at("2025-10-01", "00:00"), RULES, found::add);
        assertThat(found).singleElement().satisfies(month -> {
            assertThat(month.ruleId()).isEqualTo(MonthlyOvertimeRule.ID);
            assertThat(month.status()).isEqualTo(ViolationStatus.OPEN);
            assertThat(month.windowStart()).isEqualTo(Instant.parse("2025-08-31T16:00:00Z").toEpochMilli());
            assertThat(month.windowEnd()).isEqualTo(Instant.parse("2025-09-30T16:00:00Z").toEpochMilli());
            assertThat(month.detectedAt()).isEqualTo(month.windowEnd());
            assertThat(month.measured()).isEqualTo(2 * 3600 + 1);
            assertThat(month.threshold()).isEqualTo(2 * 3600);
            assertThat(month.unit()).isEqualTo(Finding.SECONDS);
            assertThat(month.boundaries()).containsExactly(at("2025-09-02", "00:00"), at("2025-09-03", "00:00"),
                    at("2025-09-10", "00:00"), at("2025-09-11", "00:00"));
            assertThat(month.evidenceEventIds()).containsExactly("on@" + at("2025-09-02", "08:00"),
                    "off@" + at("2025-09-02", "17:00"), "on@" + at("2025-09-10", "08:00"),
                    "off@" + at("2025-09-10", "17:00:01"));
        });
        assertThat(time.idle()).isTrue();
    }

    @Test
    void theMonthEndsAtLocalMidnightNotAtUtcMidnight() {
        // 12 h from 14:00 on 30 September to 02:00 on 1 October, local: in UTC (06:00-18:00Z) all of it is in
        // September, but locally 10 h are (2 h over the standard: the maximum, allowed) and 2 h are October's
        work(at("2025-09-30", "14:00"), at("2025-10-01", "02:00"));
        time.advanceTo(at("2025-11-01", "00:00"), RULES, found::add);
        assertThat(found).isEmpty();

        WorkingTime earlier = new WorkingTime();
        earlier.online(at("2025-09-30", "13:59:59"), "on", RULES, found::add);   // one second more in September
        earlier.offline(at("2025-10-01", "02:00"), "off", RULES, found::add);
        earlier.advanceTo(at("2025-10-01", "00:00") + 1, RULES, found::add);
        assertThat(found).singleElement().satisfies(month -> {
            assertThat(month.windowEnd()).isEqualTo(at("2025-10-01", "00:00"));
            assertThat(month.measured()).isEqualTo(2 * 3600 + 1);
        });
    }

    @Test
    void aMonthLeftBehindIsJudgedWhenTheClockJumpsPastIt() {
        WorkingTime never = new WorkingTime();
        never.online(at("2025-09-30", "10:00"), "on", RULES, found::add);       // never logs out
        never.advanceTo(at("2025-10-02", "12:00"), RULES, found::add);
        // 30 Sept: 14 h (6 h over); 1 Oct: 24 h (16 h over, October's)
        assertThat(found).singleElement().extracting(Finding::measured).isEqualTo(6L * 3600);
    }
}
