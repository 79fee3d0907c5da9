package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.gigwatch.schemas.rules.WorkingTimeBasis;
import org.junit.jupiter.api.Test;

/** NO_REST_DAY by hand, through {@link WorkingTime}, in Shanghai; 2025-09-01 is a Monday. */
class NoRestDayRuleTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate MONDAY = LocalDate.of(2025, 9, 1);
    private static final WorkingTime.Rules RULES = new WorkingTime.Rules(WorkingTimeBasis.ONLINE, SHANGHAI, null, null,
            null, new NoRestDayRule(SHANGHAI));

    private final WorkingTime time = new WorkingTime();
    private final List<Finding> found = new ArrayList<>();

    private static long midnight(LocalDate day) {
        return day.atStartOfDay(SHANGHAI).toInstant().toEpochMilli();
    }

    /** One second of work at 09:00 of each day. */
    private void workOneSecondOn(LocalDate... days) {
        for (LocalDate day : days) {
            long from = midnight(day) + 9 * 3_600_000L;
            time.online(from, "on-" + day, RULES, found::add);
            time.offline(from + 1000, "off-" + day, RULES, found::add);
        }
    }

    private static LocalDate[] days(LocalDate from, int count) {
        return from.datesUntil(from.plusDays(count)).toArray(LocalDate[]::new);
    }

    @Test
    void workOnAllSevenDaysOfAnIsoWeekIsAViolationWhenItsSundayEnds() {
        workOneSecondOn(days(MONDAY, 7));
        long end = midnight(MONDAY.plusWeeks(1));
        time.advanceTo(end - 1, RULES, found::add);
        assertThat(found).as("Sunday is not over").isEmpty();

        time.advanceTo(end, RULES, found::add);
        assertThat(found).singleElement().satisfies(week -> {
            assertThat(week.ruleId()).isEqualTo(NoRestDayRule.ID);
            assertThat(week.windowStart()).isEqualTo(Instant.parse("2025-08-31T16:00:00Z").toEpochMilli());
            assertThat(week.windowEnd()).isEqualTo(end);
            assertThat(week.detectedAt()).isEqualTo(end);
            assertThat(week.measured()).isEqualTo(7);
            assertThat(week.threshold()).isEqualTo(6);
            assertThat(week.unit()).isEqualTo(Finding.DAYS);
            assertThat(week.evidenceEventIds()).hasSize(14).startsWith("on-2025-09-01", "off-2025-09-01");
        });
        assertThat(time.idle()).isTrue();
    }

    @Test
    void aWeekWithOneIdleDayIsAllowedAndForgotten() {
        workOneSecondOn(days(MONDAY, 3));                        // Monday to Wednesday
        time.advanceTo(midnight(MONDAY.plusDays(4)), RULES, found::add);   // Thursday without work is over
        assertThat(time.week).isNull();
        assertThat(time.idle()).isTrue();
        workOneSecondOn(days(MONDAY.plusDays(4), 3));            // Friday to Sunday
        time.advanceTo(midnight(MONDAY.plusWeeks(2)), RULES, found::add);

        assertThat(found).isEmpty();
    }

    @Test
    void sevenDaysInARowAcrossTwoIsoWeeksAreAllowed() {
        workOneSecondOn(days(MONDAY.plusDays(2), 7));            // Wednesday to Tuesday
        time.advanceTo(midnight(MONDAY.plusWeeks(3)), RULES, found::add);

        assertThat(found).isEmpty();
    }

    @Test
    void workAcrossMidnightCountsOnBothDays() {
        workOneSecondOn(days(MONDAY, 6));                        // Monday to Saturday, then Saturday 23:00-Sunday 01:00
        long saturdayNight = midnight(MONDAY.plusDays(5)) + 23 * 3_600_000L;
        time.online(saturdayNight, "night-in", RULES, found::add);
        time.offline(saturdayNight + 2 * 3_600_000L, "night-out", RULES, found::add);
        time.advanceTo(midnight(MONDAY.plusWeeks(1)), RULES, found::add);

        assertThat(found).singleElement().extracting(Finding::measured).isEqualTo(7L);
    }
}
