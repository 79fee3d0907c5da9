package org.gigwatch.simulator.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gigwatch.avro.EmploymentCategory.INDEPENDENT;
import static org.gigwatch.avro.EmploymentCategory.LABOR_CONTRACT;
import static org.gigwatch.avro.EmploymentCategory.MANAGED_NON_EMPLOYEE;
import static org.gigwatch.simulator.oracle.Hand.A;
import static org.gigwatch.simulator.oracle.Hand.B;
import static org.gigwatch.simulator.oracle.Hand.account;
import static org.gigwatch.simulator.oracle.Hand.at;
import static org.gigwatch.simulator.oracle.Hand.days;
import static org.gigwatch.simulator.oracle.Hand.judge;
import static org.gigwatch.simulator.oracle.Hand.session;
import static org.gigwatch.simulator.oracle.Hand.worker;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gigwatch.avro.Scope;
import org.gigwatch.simulator.model.Session;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.Worker;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;
import org.junit.jupiter.api.Test;

class WorkingTimeRulesTest {
    private static final SimRange OCTOBER_WEEK = days("2025-10-13", 7);
    private static final Worker SINGLE = worker(MANAGED_NON_EMPLOYEE, "310000", A);
    private static final Worker DUAL = worker(MANAGED_NON_EMPLOYEE, "310000", A, B);

    private static List<ExpectedViolation> restBreaks(Worker worker, List<Session> a, List<Session> b) {
        return b == null
                ? judge(OCTOBER_WEEK, Rule.REST_BREAK, worker, account(A, a, List.of(), List.of()))
                : judge(OCTOBER_WEEK, Rule.REST_BREAK, worker, account(A, a, List.of(), List.of()),
                        account(B, b, List.of(), List.of()));
    }

    @Test
    void exactlyFourHoursIsNoViolationFourHoursAndOneSecondIs() {
        assertThat(restBreaks(SINGLE, List.of(session("2025-10-14T09:00", "2025-10-14T13:00")), null)).isEmpty();

        List<ExpectedViolation> over = restBreaks(SINGLE, List.of(session("2025-10-14T09:00", "2025-10-14T13:00:01")), null);
        assertThat(over).singleElement().satisfies(v -> {
            assertThat(v.scope()).isEqualTo(Scope.PLATFORM);
            assertThat(v.worker()).isEqualTo("swiftmeal/a1");
            assertThat(v.platformId()).isEqualTo("swiftmeal");
            assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2025-10-14T09:00")));
            assertThat(v.windowEnd()).isEqualTo(Instant.ofEpochMilli(at("2025-10-14T13:00:01")));
            assertThat(v.measured()).isEqualTo(4 * 3600 + 1);
        });
    }

    @Test
    void aGapOfNineteenFiftyNineIsNoRestTwentyMinutesIs() {
        // 2 h + 2 h 0 min 1 s of work; the gap is not working time either way
        List<Session> gap1959 = List.of(session("2025-10-14T09:00", "2025-10-14T13:20:00",
                "2025-10-14T11:00", "2025-10-14T11:19:59"));
        assertThat(restBreaks(SINGLE, gap1959, null)).singleElement()
                .satisfies(v -> assertThat(v.measured()).isEqualTo(4 * 3600 + 1));

        List<Session> rest2000 = List.of(session("2025-10-14T09:00", "2025-10-14T11:00"),
                session("2025-10-14T11:20", "2025-10-14T13:20:01"));
        assertThat(restBreaks(SINGLE, rest2000, null)).isEmpty();
    }

    @Test
    void gapsShorterThanARestJoinTheStretchButDoNotCount() {
        // 3 pieces of 80 min with 10-min logouts between: 240 min of work in a 260-min stretch
        List<Session> pieces = List.of(session("2025-10-14T09:00", "2025-10-14T10:20"),
                session("2025-10-14T10:30", "2025-10-14T11:50"), session("2025-10-14T12:00", "2025-10-14T13:20"));
        assertThat(restBreaks(SINGLE, pieces, null)).isEmpty();
    }

    @Test
    void aStretchOverMidnightIsOneStretch() {
        List<Session> night = List.of(session("2025-10-14T22:00", "2025-10-15T02:30"));
        assertThat(restBreaks(SINGLE, night, null)).singleElement().satisfies(v -> {
            assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2025-10-14T22:00")));
            assertThat(v.windowEnd()).isEqualTo(Instant.ofEpochMilli(at("2025-10-15T02:30")));
            assertThat(v.measured()).isEqualTo(270 * 60);
        });
    }

    @Test
    void twoPlatformsEachUnderFourHoursCanBeOverTogether() {
        List<ExpectedViolation> found = restBreaks(DUAL, List.of(session("2025-10-14T09:00", "2025-10-14T12:00")),
                List.of(session("2025-10-14T11:00", "2025-10-14T14:00")));
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.scope()).isEqualTo(Scope.CROSS_PLATFORM);
            assertThat(v.worker()).isEqualTo("key-of-the-person");
            assertThat(v.platformId()).isNull();
            assertThat(v.measured()).as("overlap counted once").isEqualTo(5 * 3600);
        });
    }

    @Test
    void aRestMustBeARestOnEveryPlatform() {
        // A rests 11:00-11:30 but B works through it: no rest for the person
        List<ExpectedViolation> found = restBreaks(DUAL,
                List.of(session("2025-10-14T09:00", "2025-10-14T11:00"), session("2025-10-14T11:30", "2025-10-14T13:30")),
                List.of(session("2025-10-14T10:50", "2025-10-14T11:40")));
        assertThat(found).extracting(ExpectedViolation::scope).containsExactly(Scope.CROSS_PLATFORM);
    }

    @Test
    void aSinglePlatformWorkerHasNoCrossPlatformScope() {
        assertThat(restBreaks(SINGLE, List.of(session("2025-10-14T09:00", "2025-10-14T14:00")), null))
                .extracting(ExpectedViolation::scope).containsExactly(Scope.PLATFORM);
    }

    @Test
    void dailyHoursAboveTheCategoryMaximumSplitAtMidnight() {
        // MANAGED_NON_EMPLOYEE: 720 min. 12 h exactly, in rested stretches, is allowed; one second more is not.
        List<Session> twelveHours = workedDay("2025-10-14", 6, 0);
        assertThat(judge(OCTOBER_WEEK, Rule.DAILY_HOURS, SINGLE, account(A, twelveHours, List.of(), List.of()))).isEmpty();
        List<Session> oneSecondMore = workedDay("2025-10-14", 6, 1);
        assertThat(judge(OCTOBER_WEEK, Rule.DAILY_HOURS, SINGLE, account(A, oneSecondMore, List.of(), List.of())))
                .singleElement().satisfies(v -> {
                    assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2025-10-14T00:00")));
                    assertThat(v.windowEnd()).isEqualTo(Instant.ofEpochMilli(at("2025-10-15T00:00")));
                    assertThat(v.measured()).isEqualTo(12 * 3600 + 1);
                });
        // 13 h from 18:00 to 07:00 is 6 h on one day and 7 h on the next: no day over 12 h
        List<Session> acrossMidnight = List.of(session("2025-10-14T18:00", "2025-10-15T07:00"));
        assertThat(judge(OCTOBER_WEEK, Rule.DAILY_HOURS, SINGLE, account(A, acrossMidnight, List.of(), List.of()))).isEmpty();
    }

    @Test
    void independentsHaveNoDailyLimit() {
        Worker independent = worker(INDEPENDENT, "310000", A);
        assertThat(judge(OCTOBER_WEEK, Rule.DAILY_HOURS, independent,
                account(A, workedDay("2025-10-14", 6, 3600), List.of(), List.of()))).isEmpty();
    }

    @Test
    void monthlyOvertimeCountsTheExcessOverTheDailyStandard() {
        // LABOR_CONTRACT: standard 480 min, at most 2160 min of overtime a month. 24 days of 8 h 90 min = 2160: allowed.
        Worker labour = worker(LABOR_CONTRACT, "310000", A);
        SimRange october = days("2025-10-01", 31);
        assertThat(judge(october, Rule.MONTHLY_OVERTIME, labour,
                account(A, workDays("2025-10-01", 24, 8 * 3600 + 90 * 60), List.of(), List.of()))).isEmpty();
        List<ExpectedViolation> over = judge(october, Rule.MONTHLY_OVERTIME, labour,
                account(A, workDays("2025-10-01", 24, 8 * 3600 + 90 * 60 + 1), List.of(), List.of()));
        assertThat(over).singleElement().satisfies(v -> {
            assertThat(v.measured()).isEqualTo(2160 * 60 + 24);
            assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2025-10-01T00:00")));
            assertThat(v.windowEnd()).isEqualTo(Instant.ofEpochMilli(at("2025-11-01T00:00")));
        });
        // a month not wholly simulated is not judged
        assertThat(judge(days("2025-10-01", 30), Rule.MONTHLY_OVERTIME, labour,
                account(A, workDays("2025-10-01", 30, 11 * 3600), List.of(), List.of()))).isEmpty();
    }

    @Test
    void sevenDaysOfWorkInAnIsoWeekIsNoRestDay() {
        SimRange twoWeeks = days("2025-10-13", 14);
        assertThat(judge(twoWeeks, Rule.NO_REST_DAY, SINGLE, account(A, workDays("2025-10-13", 7, 3600), List.of(), List.of())))
                .singleElement().satisfies(v -> assertThat(v.windowStart())
                        .isEqualTo(Instant.ofEpochMilli(at("2025-10-13T00:00"))));
        // Tuesday to Monday: six days in each ISO week
        assertThat(judge(twoWeeks, Rule.NO_REST_DAY, SINGLE, account(A, workDays("2025-10-14", 7, 3600), List.of(), List.of())))
                .isEmpty();
        assertThat(judge(twoWeeks, Rule.NO_REST_DAY, worker(INDEPENDENT, "310000", A),
                account(A, workDays("2025-10-13", 7, 3600), List.of(), List.of()))).isEmpty();
    }

    /** {@code stretches} stretches of 2 h from 06:00 with 20-min rests; the last one is {@code extra} seconds longer. */
    private static List<Session> workedDay(String day, int stretches, int extra) {
        List<Session> sessions = new ArrayList<>();
        long start = at(day + "T06:00");
        for (int i = 0; i < stretches; i++) {
            long end = start + 2 * 3_600_000L + (i == stretches - 1 ? extra * 1000L : 0);
            sessions.add(new Session(start, end, List.of()));
            start = end + 20 * 60_000L;
        }
        return sessions;
    }

    /** {@code count} consecutive days from {@code first}, each with {@code seconds} of work from 06:00 in 3-h stretches. */
    private static List<Session> workDays(String first, int count, int seconds) {
        List<Session> sessions = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            long start = at(LocalDate.parse(first).plusDays(d) + "T06:00");
            for (int left = seconds; left > 0; ) {
                int stretch = Math.min(left, 3 * 3600);
                sessions.add(new Session(start, start + stretch * 1000L, List.of()));
                start += stretch * 1000L + 30 * 60_000L;
                left -= stretch;
            }
        }
        return sessions;
    }
}
