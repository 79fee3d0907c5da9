package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.WorkingTimeBasis;
import org.junit.jupiter.api.Test;

/**
 * REST_BREAK and DAILY_HOURS on hand-computed timelines, driven through {@link WorkingTime} as the processors
 * drive them (transitions and clock advances in event-time order), without Kafka.
 */
class WorkingTimeRulesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingTime.Rules REST_ONLY = new WorkingTime.Rules(WorkingTimeBasis.ONLINE, SHANGHAI,
            new RestBreakRule(240, 20), null, null, null);
    private static final WorkingTime.Rules DAILY_ONLY = new WorkingTime.Rules(WorkingTimeBasis.ONLINE, SHANGHAI, null,
            new DailyHoursRule(660), null, null);

    private final WorkingTime time = new WorkingTime();
    private final List<Finding> found = new ArrayList<>();

    /** An instant on 2025-09-29, local time in Shanghai (UTC+8), e.g. "08:00" or "12:00:01". */
    private static long at(String localTime) {
        return Instant.parse("2025-09-29T" + (localTime.length() == 5 ? localTime + ":00" : localTime) + "+08:00").toEpochMilli();
    }

    private static long nextDay(String localTime) {
        return at(localTime) + 86_400_000L;
    }

    private void work(long from, long to, WorkingTime.Rules rules) {
        time.online(from, "on@" + from, rules, found::add);
        time.offline(to, "off@" + to, rules, found::add);
    }

    @Test
    void exactly240MinutesIsAllowed() {
        work(at("08:00"), at("12:00"), REST_ONLY);
        time.advanceTo(at("13:00"), REST_ONLY, found::add);

        assertThat(found).isEmpty();
        assertThat(time.stretch).isNull();
    }

    @Test
    void oneSecondOver240MinutesIsOneViolationOpenedAtTheCrossingAndUpdatedWhenTheRestComes() {
        work(at("08:00"), at("12:00:01"), REST_ONLY);
        assertThat(found).singleElement().satisfies(open -> {
            assertThat(open.status()).isEqualTo(ViolationStatus.OPEN);
            assertThat(open.windowStart()).isEqualTo(at("08:00"));
            assertThat(open.detectedAt()).isEqualTo(at("12:00"));
            assertThat(open.boundaries()).containsExactly(at("08:00"), at("12:00"));
            assertThat(open.threshold()).isEqualTo(14_400);
        });

        time.advanceTo(at("12:20:00"), REST_ONLY, found::add); // 19:59 of rest: not yet
        assertThat(found).hasSize(1);
        time.advanceTo(at("12:20:01"), REST_ONLY, found::add); // 20:00 of rest: the stretch is over
        assertThat(found).hasSize(2);
        Finding updated = found.get(1);
        assertThat(updated.status()).isEqualTo(ViolationStatus.UPDATED);
        assertThat(updated.windowStart()).isEqualTo(at("08:00"));
        assertThat(updated.windowEnd()).isEqualTo(at("12:00:01"));
        assertThat(updated.detectedAt()).isEqualTo(at("12:00"));
        assertThat(updated.measured()).isEqualTo(14_401);
        assertThat(updated.evidenceEventIds()).containsExactly("on@" + at("08:00"), "off@" + at("12:00:01"));
        assertThat(time.stretch).isNull();
    }

    @Test
    void aGapOf19m59sIsNotARest() {
        work(at("08:00"), at("10:00"), REST_ONLY);            // 120 min
        work(at("10:19:59"), at("12:20:59"), REST_ONLY);      // 121 min after a 19:59 gap: one stretch of 241 min
        time.advanceTo(nextDay("00:00"), REST_ONLY, found::add);

        assertThat(found).extracting(Finding::status).containsExactly(ViolationStatus.OPEN, ViolationStatus.UPDATED);
        Finding updated = found.get(1);
        assertThat(updated.windowStart()).isEqualTo(at("08:00"));
        assertThat(updated.windowEnd()).isEqualTo(at("12:20:59"));
        assertThat(updated.measured()).isEqualTo(241 * 60);
        // the crossing: 120 min before the gap, so 120 min into the second interval
        assertThat(updated.detectedAt()).isEqualTo(at("12:19:59"));
        assertThat(updated.boundaries()).containsExactly(at("08:00"), at("10:00"), at("10:19:59"), at("12:20:59"));
    }

    @Test
    void aGapOf20MinutesIsARest() {
        work(at("08:00"), at("10:00"), REST_ONLY);
        work(at("10:20"), at("12:21"), REST_ONLY);            // 121 min: a new stretch
        time.advanceTo(nextDay("00:00"), REST_ONLY, found::add);

        assertThat(found).isEmpty();
    }

    @Test
    void aStretchOverMidnightIsNotCut() {
        work(at("22:00"), nextDay("00:30"), REST_ONLY);       // 150 min
        work(nextDay("00:40"), nextDay("02:11"), REST_ONLY);  // 91 min after a 10 min gap: 241 min
        time.advanceTo(nextDay("03:00"), REST_ONLY, found::add);

        assertThat(found).extracting(Finding::windowStart).containsOnly(at("22:00"));
        assertThat(found.get(1).measured()).isEqualTo(241 * 60);
    }

    @Test
    void aWorkerWhoNeverLogsOutIsCaughtByTheClockAlone() {
        time.online(at("08:00"), "login", REST_ONLY, found::add);
        assertThat(time.due(REST_ONLY)).isEqualTo(at("12:00") + 1);

        time.advanceTo(at("12:00"), REST_ONLY, found::add);
        assertThat(found).isEmpty();
        time.advanceTo(at("12:00") + 1, REST_ONLY, found::add);
        assertThat(found).singleElement().satisfies(open -> {
            assertThat(open.status()).isEqualTo(ViolationStatus.OPEN);
            assertThat(open.detectedAt()).isEqualTo(at("12:00"));
            assertThat(open.evidenceEventIds()).containsExactly("login");
        });
        time.advanceTo(at("20:00"), REST_ONLY, found::add);
        assertThat(found).hasSize(1); // one alert per stretch
    }

    @Test
    void advancingTheClockInStepsGivesTheSameFindingsAsInOneGo() {
        WorkingTime stepped = new WorkingTime();
        List<Finding> steps = new ArrayList<>();
        stepped.online(at("08:00"), "login", REST_ONLY, steps::add);
        for (long t = at("08:00"); t <= at("13:00"); t += 60_000) {
            stepped.advanceTo(t, REST_ONLY, steps::add);
        }
        stepped.offline(at("13:00"), "logout", REST_ONLY, steps::add);
        stepped.advanceTo(at("14:00"), REST_ONLY, steps::add);

        work(at("08:00"), at("13:00"), REST_ONLY);
        time.advanceTo(at("14:00"), REST_ONLY, found::add);

        assertThat(steps).hasSize(2);
        assertThat(steps.get(1).boundaries()).containsExactly(at("08:00"), at("13:00"));
        assertThat(steps).extracting(Finding::status, Finding::windowStart, Finding::windowEnd, Finding::measured)
                .isEqualTo(found.stream().map(f -> tuple(f.status(), f.windowStart(),
                        f.windowEnd(), f.measured())).toList());
    }

    @Test
    void dailyHoursJudgesTheLocalDayWhenItEnds() {
        work(at("07:00"), at("18:00"), DAILY_ONLY);           // 660 min: allowed
        time.advanceTo(nextDay("00:00"), DAILY_ONLY, found::add);
        assertThat(found).isEmpty();

        work(nextDay("07:00"), nextDay("18:00:01"), DAILY_ONLY);
        time.advanceTo(nextDay("23:59:59"), DAILY_ONLY, found::add);
        assertThat(found).isEmpty();                           // the day is not over yet
        time.advanceTo(nextDay("00:00") + 86_400_000L, DAILY_ONLY, found::add);
        assertThat(found).singleElement().satisfies(day -> {
            assertThat(day.ruleId()).isEqualTo(DailyHoursRule.ID);
            assertThat(day.windowStart()).isEqualTo(nextDay("00:00"));
            assertThat(day.windowEnd()).isEqualTo(nextDay("00:00") + 86_400_000L);
            assertThat(day.measured()).isEqualTo(660 * 60 + 1);
            assertThat(day.threshold()).isEqualTo(660 * 60);
        });
    }

    @Test
    void dailyHoursCutsWorkAtLocalMidnight() {
        work(at("13:00"), nextDay("01:00"), DAILY_ONLY);      // 12 h, but 11 h on the first day and 1 h on the next
        time.advanceTo(nextDay("00:00") + 86_400_000L, DAILY_ONLY, found::add);
        assertThat(found).isEmpty();

        WorkingTime longer = new WorkingTime();
        longer.online(at("12:59:59"), "in", DAILY_ONLY, found::add);
        longer.advanceTo(nextDay("00:00"), DAILY_ONLY, found::add);     // never logs out: judged at midnight
        assertThat(found).singleElement().extracting(Finding::measured).isEqualTo(660L * 60 + 1);
    }
}
