package org.gigwatch.simulator.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gigwatch.avro.EmploymentCategory.INDEPENDENT;
import static org.gigwatch.avro.EmploymentCategory.LABOR_CONTRACT;
import static org.gigwatch.avro.EmploymentCategory.MANAGED_NON_EMPLOYEE;
import static org.gigwatch.avro.PayoutLineType.BASE;
import static org.gigwatch.avro.PayoutLineType.DEPOSIT;
import static org.gigwatch.avro.PayoutLineType.FINE;
import static org.gigwatch.avro.PayoutLineType.GUARANTEE;
import static org.gigwatch.avro.PayoutLineType.INCENTIVE;
import static org.gigwatch.avro.PayoutLineType.TIP;
import static org.gigwatch.simulator.oracle.Hand.A;
import static org.gigwatch.simulator.oracle.Hand.account;
import static org.gigwatch.simulator.oracle.Hand.at;
import static org.gigwatch.simulator.oracle.Hand.days;
import static org.gigwatch.simulator.oracle.Hand.judge;
import static org.gigwatch.simulator.oracle.Hand.order;
import static org.gigwatch.simulator.oracle.Hand.payout;
import static org.gigwatch.simulator.oracle.Hand.session;
import static org.gigwatch.simulator.oracle.Hand.worker;

import java.time.Instant;
import java.util.List;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.model.Session;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;
import org.junit.jupiter.api.Test;

class PayRulesTest {
    private static final SimRange WEEK = days("2025-10-13", 7);

    private static List<ExpectedViolation> minWage(String region, SimRange range, List<Session> sessions, List<Order> orders) {
        return judge(range, Rule.MIN_WAGE, worker(MANAGED_NON_EMPLOYEE, region, A), account(A, sessions, orders, List.of()));
    }

    @Test
    void minimumWageExactlyAtTheFloorIsNoViolationOneFenBelowIs() {
        // Shanghai from 2025-07-01: 2500 fen an hour. 2 h of work (tips do not count) are due 5000 fen.
        List<Session> twoHours = List.of(session("2025-10-14T10:00", "2025-10-14T12:00"));
        assertThat(minWage("310000", WEEK, twoHours, List.of(order("2025-10-14T11:00", 3000),
                order("2025-10-14T11:50", 2000)))).isEmpty();
        assertThat(minWage("310000", WEEK, twoHours, List.of(order("2025-10-14T11:00", 3000),
                order("2025-10-14T11:50", 1999, 500)))).singleElement().satisfies(v -> {
                    assertThat(v.measured()).isEqualTo(4999);
                    assertThat(v.shortfall()).isEqualTo(1);
                    assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2025-10-14T00:00")));
                });
    }

    @Test
    void theMinimumInForceOnTheDayDecides() {
        // Wenzhou: 2200 fen/h until 2023-12-31, 2400 from 2024-01-01. 2 h paid 4500 fen each day.
        SimRange turnOfYear = days("2023-12-31", 2);
        List<Session> sessions = List.of(session("2023-12-31T10:00", "2023-12-31T12:00"),
                session("2024-01-01T10:00", "2024-01-01T12:00"));
        List<Order> orders = List.of(order("2023-12-31T11:30", 4500), order("2024-01-01T11:30", 4500));
        assertThat(minWage("330300", turnOfYear, sessions, orders)).singleElement().satisfies(v -> {
            assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2024-01-01T00:00")));
            assertThat(v.shortfall()).isEqualTo(4800 - 4500);
        });
    }

    @Test
    void daysUnderTheJudgedMinimumOfWorkAreNotJudged() {
        assertThat(minWage("310000", WEEK, List.of(session("2025-10-14T10:00", "2025-10-14T10:59:59")), List.of())).isEmpty();
        assertThat(minWage("310000", WEEK, List.of(session("2025-10-14T10:00", "2025-10-14T11:00")), List.of()))
                .singleElement().satisfies(v -> assertThat(v.shortfall()).isEqualTo(2500));
    }

    @Test
    void daysWithoutAMinimumInForceAreNotJudged() {
        // Kunming's first shipped figure is effective 2025-01-01
        SimRange december = days("2024-12-31", 2);
        List<Session> sessions = List.of(session("2024-12-31T10:00", "2024-12-31T12:00"),
                session("2025-01-02T10:00", "2025-01-02T12:00"));
        assertThat(minWage("530100", december, sessions, List.of())).isEmpty();
    }

    @Test
    void independentsAreNotJudgedOnPay() {
        assertThat(judge(WEEK, Rule.MIN_WAGE, worker(INDEPENDENT, "310000", A),
                account(A, List.of(session("2025-10-14T10:00", "2025-10-14T12:00")), List.of(), List.of()))).isEmpty();
    }

    /** 2 h on Tuesday 2025-09-30 paid 6000 fen (3000/h), 2 h on the 2025-10-01 holiday paid {@code holidayPay}. */
    private static List<ExpectedViolation> holiday(EmploymentCategory category, long holidayPay) {
        List<Session> sessions = List.of(session("2025-09-30T10:00", "2025-09-30T12:00"),
                session("2025-10-01T10:00", "2025-10-01T12:00"));
        List<Order> orders = List.of(order("2025-09-30T11:30", 6000), order("2025-10-01T11:30", holidayPay));
        return judge(days("2025-09-29", 7), Rule.HOLIDAY_PAY, worker(category, "310000", A),
                account(A, sessions, orders, List.of()));
    }

    @Test
    void holidayPayMustBeStrictlyAboveTheNormalRateForManagedNonEmployees() {
        assertThat(holiday(MANAGED_NON_EMPLOYEE, 6000)).singleElement().satisfies(v -> {
            assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2025-10-01T00:00")));
            assertThat(v.measured()).as("fen per hour").isEqualTo(3000);
        });
        assertThat(holiday(MANAGED_NON_EMPLOYEE, 6001)).isEmpty();
    }

    @Test
    void holidayPayMustBeAtLeastThreeTimesTheNormalRateForLabourContracts() {
        assertThat(holiday(LABOR_CONTRACT, 18_000)).isEmpty();
        assertThat(holiday(LABOR_CONTRACT, 17_999)).hasSize(1);
        assertThat(holiday(INDEPENDENT, 1)).isEmpty();
    }

    @Test
    void holidaysWithoutNormalDaysToCompareWithAreNotJudged() {
        List<Session> holidayOnly = List.of(session("2025-10-01T10:00", "2025-10-01T12:00"));
        assertThat(judge(days("2025-09-29", 7), Rule.HOLIDAY_PAY, worker(MANAGED_NON_EMPLOYEE, "310000", A),
                account(A, holidayOnly, List.of(order("2025-10-01T11:00", 1)), List.of()))).isEmpty();
    }

    @Test
    void theNormalRateSkipsHolidays() {
        // Oct 6 is a holiday; the days before it that are not holidays are Oct 5, 4, Sep 30, ...: the well-paid
        // Oct 1-3 holidays must not raise the normal rate
        List<Session> sessions = List.of(session("2025-09-30T10:00", "2025-09-30T12:00"),
                session("2025-10-02T10:00", "2025-10-02T12:00"), session("2025-10-06T10:00", "2025-10-06T12:00"));
        List<Order> orders = List.of(order("2025-09-30T11:30", 6000), order("2025-10-02T11:30", 60_000),
                order("2025-10-06T11:30", 6001));
        assertThat(judge(days("2025-09-29", 14), Rule.HOLIDAY_PAY, worker(MANAGED_NON_EMPLOYEE, "310000", A),
                account(A, sessions, orders, List.of()))).isEmpty();
    }

    /** A MANAGED_NON_EMPLOYEE (15 days) earns 10000 fen on 2025-09-01, due by the end of 2025-09-16. */
    private static List<ExpectedViolation> arrears(Payout... payouts) {
        return judge(days("2025-09-01", 40), Rule.WAGE_ARREARS, worker(MANAGED_NON_EMPLOYEE, "310000", A),
                account(A, List.of(session("2025-09-01T10:00", "2025-09-01T12:00")),
                        List.of(order("2025-09-01T11:00", 8000, 2000)), List.of(payouts)));
    }

    @Test
    void payIsOverdueAfterTheCategorysMaximumDelay() {
        assertThat(arrears(payout("2025-09-17T00:00", BASE, 8000, TIP, 2000))).isEmpty();
        assertThat(arrears(payout("2025-09-18T00:00", BASE, 8000, TIP, 2000))).singleElement().satisfies(v -> {
            assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2025-09-01T00:00")));
            assertThat(v.windowEnd()).isEqualTo(Instant.ofEpochMilli(at("2025-09-17T00:00")));
            assertThat(v.measured()).isEqualTo(10_000);
        });
        // paid in part on time, the rest never: the unpaid part is the debt
        assertThat(arrears(payout("2025-09-08T10:00", BASE, 6000, INCENTIVE, 1000)))
                .singleElement().satisfies(v -> assertThat(v.measured()).isEqualTo(3000));
        assertThat(arrears()).hasSize(1);
    }

    @Test
    void finesUpToTwentyPercentOfTheMonthsPayAreAllowed() {
        SimRange october = days("2025-10-01", 31);
        List<Session> none = List.of();
        assertThat(judge(october, Rule.WITHHELD_PAY, worker(LABOR_CONTRACT, "310000", A), account(A, none, List.of(),
                List.of(payout("2025-10-06T10:00", BASE, 6000, FINE, 1000), payout("2025-10-13T10:00", TIP, 4000, FINE, 1000)))))
                .isEmpty();
        assertThat(judge(october, Rule.WITHHELD_PAY, worker(LABOR_CONTRACT, "310000", A), account(A, none, List.of(),
                List.of(payout("2025-10-06T10:00", BASE, 6000, FINE, 1000), payout("2025-10-13T10:00", TIP, 4000, FINE, 1001)))))
                .singleElement().satisfies(v -> {
                    assertThat(v.measured()).isEqualTo(2001);
                    assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2025-10-01T00:00")));
                });
        // a month whose end is not simulated is not judged
        assertThat(judge(days("2025-10-01", 30), Rule.WITHHELD_PAY, worker(LABOR_CONTRACT, "310000", A),
                account(A, none, List.of(), List.of(payout("2025-10-06T10:00", BASE, 100, FINE, 1000))))).isEmpty();
    }

    @Test
    void everyPayoutTakingADepositIsOneViolationEvenForIndependents() {
        List<ExpectedViolation> found = judge(WEEK, Rule.DEPOSIT, worker(INDEPENDENT, "310000", A), account(A, List.of(),
                List.of(), List.of(payout("2025-10-13T10:00", BASE, 9000, GUARANTEE, 20_000, DEPOSIT, 5000),
                        payout("2025-10-14T10:00", BASE, 9000))));
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.measured()).isEqualTo(25_000);
            assertThat(v.windowStart()).isEqualTo(v.windowEnd()).isEqualTo(Instant.ofEpochMilli(at("2025-10-13T10:00")));
        });
    }
}
