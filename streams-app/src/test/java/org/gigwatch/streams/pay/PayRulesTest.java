package org.gigwatch.streams.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.PayoutLine;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.WorkingTimeBasis;
import org.junit.jupiter.api.Test;

/** The pay rules by hand: integer minor units, the edges the oracle draws. */
class PayRulesTest {
    private static final RulePack CN = RulePack.shipped("cn");
    private static final CategoryRules MANAGED = CN.category(EmploymentCategory.MANAGED_NON_EMPLOYEE);
    private static final CategoryRules LABOR = CN.category(EmploymentCategory.LABOR_CONTRACT);
    private static final CategoryRules INDEPENDENT = CN.category(EmploymentCategory.INDEPENDENT);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final MinimumWage WENZHOU_2024 = CN.minimumWageOn("330300", LocalDate.of(2024, 1, 1)).orElseThrow();

    private static PayDay day(long pay, Long workedMs) {
        PayDay day = new PayDay();
        day.delivered("o-1-d", pay, 0);
        day.workedMs = workedMs;
        return day;
    }

    private static PayFinding minWage(long pay, long workedMs) {
        return MinWageRule.judge(MANAGED, WorkingTimeBasis.ONLINE, 0, 86_400_000L, day(pay, workedMs), WENZHOU_2024,
                Topics.MINIMUM_WAGES);
    }

    @Test
    void aDayExactlyAtTheFloorIsNoViolationOneFenBelowIs() {
        assertThat(WENZHOU_2024.getHourly()).isEqualTo(2400);
        // 2 h 30 min at 24 CNY/h: 2400 × 9,000,000 / 3,600,000 = 6000 fen due
        assertThat(minWage(6000, 9_000_000L)).isNull();
        PayFinding below = minWage(5999, 9_000_000L);
        assertThat(below).isNotNull();
        assertThat(below.measured()).isEqualTo(5999);
        assertThat(below.threshold()).isEqualTo(6000);
        assertThat(below.shortfall()).isEqualTo(1);
        assertThat(below.currency()).isEqualTo("CNY");
        assertThat(below.ruleDataVersion()).isEqualTo("gigwatch.rules.minimum-wages#330300/2024-01-01");
        assertThat(below.evidenceEventIds()).containsExactly("o-1-d");
        assertThat(below.details()).containsEntry("orders", "o-1-d=5999").containsEntry("workedMillis", "9000000");
    }

    @Test
    void dueIsRoundedDownSoAFractionOfAFenIsNeverAViolation() {
        // one hour and one millisecond: 2400 × 3,600,001 / 3,600,000 = 2400.0006… → 2400 due
        assertThat(minWage(2400, 3_600_001L)).isNull();
        assertThat(minWage(2399, 3_600_001L).shortfall()).isEqualTo(1);
    }

    @Test
    void aDayUnderSixtyMinutesOfWorkIsNotJudged() {
        assertThat(minWage(0, 3_599_999L)).isNull();
        assertThat(minWage(0, 3_600_000L).shortfall()).isEqualTo(2400);
    }

    @Test
    void noMinimumInForceNoWorkingTimeOrACategoryWithoutTheRuleIsNotJudged() {
        String topic = Topics.MINIMUM_WAGES;
        assertThat(MinWageRule.judge(MANAGED, WorkingTimeBasis.ONLINE, 0, 1, day(0, 7_200_000L), null, topic)).isNull();
        assertThat(MinWageRule.judge(MANAGED, WorkingTimeBasis.ONLINE, 0, 1, day(0, null), WENZHOU_2024, topic)).isNull();
        assertThat(MinWageRule.judge(INDEPENDENT, WorkingTimeBasis.ONLINE, 0, 1, day(0, 7_200_000L), WENZHOU_2024, topic)).isNull();
    }

    private static final LocalDate HOLIDAY = LocalDate.of(2025, 10, 1);

    /** A holiday with 2 h of work, one reference day (4 h, 12,000 fen: 3,000 fen/h normal), everything else empty. */
    private static PayFinding holiday(CategoryRules rules, long holidayPay) {
        Map<LocalDate, PayDay> days = new HashMap<>();
        days.put(HOLIDAY, day(holidayPay, 7_200_000L));
        days.put(HOLIDAY.minusDays(3), day(12_000, 14_400_000L));
        return HolidayPayRule.judge(rules, HOLIDAY, 0, 1, days::get, d -> false, Topics.HOLIDAYS);
    }

    @Test
    void aHolidayPaidExactlyTheNormalRateIsAViolationWhereItMustBeHigher() {
        PayFinding exactlyNormal = holiday(MANAGED, 6000);
        assertThat(exactlyNormal).isNotNull();
        assertThat(exactlyNormal.measured()).isEqualTo(3000); // fen per hour on the holiday
        assertThat(exactlyNormal.threshold()).isEqualTo(3000); // 100% of 3,000 fen/h
        assertThat(exactlyNormal.unit()).isEqualTo(PayFinding.MINOR_UNITS_PER_HOUR);
        assertThat(exactlyNormal.shortfall()).isEqualTo(1); // 6,001 fen would have been strictly above
        assertThat(holiday(MANAGED, 6001)).isNull();
    }

    @Test
    void aLabourContractHolidayNeedsThreeTimesTheNormalRateExactlyThreeTimesIsEnough() {
        assertThat(holiday(LABOR, 18_000)).isNull();
        PayFinding below = holiday(LABOR, 17_999);
        assertThat(below.threshold()).isEqualTo(9000);
        assertThat(below.shortfall()).isEqualTo(1);
    }

    @Test
    void referenceDaysSkipHolidaysAndReachFurtherBack() {
        Map<LocalDate, PayDay> days = new HashMap<>();
        days.put(HOLIDAY, day(6000, 7_200_000L));
        days.put(HOLIDAY.minusDays(1), day(1_000_000, 3_600_000L)); // a holiday: not a reference day
        days.put(HOLIDAY.minusDays(29), day(12_000, 14_400_000L)); // the 28th non-holiday day back
        days.put(HOLIDAY.minusDays(30), day(1_000_000, 3_600_000L)); // the 29th: outside the window
        Set<LocalDate> holidays = Set.of(HOLIDAY, HOLIDAY.minusDays(1));
        PayFinding found = HolidayPayRule.judge(MANAGED, HOLIDAY, 0, 1, days::get, holidays::contains, Topics.HOLIDAYS);
        assertThat(found).isNotNull();
        assertThat(found.details()).containsEntry("normalPay", "12000").containsEntry("normalMillis", "14400000")
                .containsEntry("referenceDays", HOLIDAY.minusDays(29) + "/" + HOLIDAY.minusDays(1));
    }

    @Test
    void aHolidayWithoutEnoughReferenceWorkIsNotJudged() {
        Map<LocalDate, PayDay> days = new HashMap<>();
        days.put(HOLIDAY, day(1, 7_200_000L));
        days.put(HOLIDAY.minusDays(1), day(10_000, 3_599_999L));
        assertThat(HolidayPayRule.judge(MANAGED, HOLIDAY, 0, 1, days::get, d -> false, Topics.HOLIDAYS)).isNull();
    }

    private static PayoutEvent payout(String id, long paidAt, Object... typeAndAmount) {
        List<PayoutLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < typeAndAmount.length; i += 2) {
            lines.add(new PayoutLine((PayoutLineType) typeAndAmount[i], ((Number) typeAndAmount[i + 1]).longValue(), null));
        }
        return PayoutEvent.newBuilder().setEventId(id).setPlatformId("swiftmeal").setWorkerId("w1").setRegion("310000")
                .setOccurredAt(Instant.ofEpochMilli(paidAt)).setPayoutId(id).setPeriodStart(LocalDate.of(2025, 10, 6))
                .setPeriodEnd(LocalDate.of(2025, 10, 12)).setPaidAt(Instant.ofEpochMilli(paidAt)).setCurrency("CNY")
                .setLines(lines).build();
    }

    @Test
    void aDepositLineIsAViolationAtOnceInEveryCategory() {
        PayoutEvent taken = payout("pay-1", 1_000L, PayoutLineType.BASE, 50_000, PayoutLineType.DEPOSIT, 20_000,
                PayoutLineType.GUARANTEE, 5_000);
        for (CategoryRules rules : List.of(LABOR, MANAGED, INDEPENDENT)) {
            PayFinding found = DepositRule.judge(rules, taken);
            assertThat(found.measured()).isEqualTo(25_000);
            assertThat(found.shortfall()).isEqualTo(25_000);
            assertThat(found.windowStart()).isEqualTo(1_000L).isEqualTo(found.windowEnd());
            assertThat(found.evidenceEventIds()).containsExactly("pay-1");
        }
        assertThat(DepositRule.judge(MANAGED, payout("pay-2", 1_000L, PayoutLineType.BASE, 50_000,
                PayoutLineType.INSURANCE, 500))).isNull();
    }

    private static PayMonth month(long pay, long fines) {
        PayMonth month = new PayMonth();
        month.pay = pay;
        month.fines = fines;
        return month;
    }

    @Test
    void finesOfExactlyTwentyPercentAreAllowedOneFenMoreIsNot() {
        assertThat(WithheldPayRule.judge(MANAGED, 0, 1, month(100_000, 20_000))).isNull();
        PayFinding above = WithheldPayRule.judge(MANAGED, 0, 1, month(100_000, 20_001));
        assertThat(above.measured()).isEqualTo(20_001);
        assertThat(above.threshold()).isEqualTo(20_000);
        assertThat(above.shortfall()).isEqualTo(1);
        // 20% of 99,999 is 19,999.8: 19,999 is allowed, 20,000 is not
        assertThat(WithheldPayRule.judge(MANAGED, 0, 1, month(99_999, 19_999))).isNull();
        assertThat(WithheldPayRule.judge(MANAGED, 0, 1, month(99_999, 20_000))).isNotNull();
        assertThat(WithheldPayRule.judge(INDEPENDENT, 0, 1, month(100, 100))).isNull();
    }

    private static long start(LocalDate day) {
        return day.atStartOfDay(SHANGHAI).toInstant().toEpochMilli();
    }

    /** MANAGED_NON_EMPLOYEE: 15 days; the earnings of 1 October are due at the start of 17 October. */
    @Test
    void arrearsPaidOneDayLateAreOneEpisodeFromTheDueDayToThePayment() {
        LocalDate earned = LocalDate.of(2025, 10, 1);
        long due = start(earned.plusDays(16));
        WageArrears arrears = new WageArrears();
        arrears.earned(earned);
        arrears.paid(due + 86_400_000L, 10_000); // one day after the due instant

        PayFinding open = arrears.check(start(earned), due, 10_000);
        assertThat(open.status()).isEqualTo(ViolationStatus.OPEN);
        assertThat(open.windowStart()).isEqualTo(start(earned));
        assertThat(open.windowEnd()).isEqualTo(due);
        assertThat(open.measured()).isEqualTo(10_000);
        assertThat(arrears.nextCheckDay()).isEqualTo(earned.plusDays(1));

        PayFinding resolved = arrears.check(start(earned.plusDays(1)), due + 86_400_000L, 0);
        assertThat(resolved.status()).isEqualTo(ViolationStatus.RESOLVED);
        assertThat(resolved.windowStart()).isEqualTo(start(earned)); // the same violation
        assertThat(resolved.measured()).isEqualTo(10_000);
        assertThat(arrears.nextCheckDay()).as("settled: checks stop").isNull();
    }

    @Test
    void arrearsPaidExactlyAtTheDueInstantAreNoViolation() {
        LocalDate earned = LocalDate.of(2025, 10, 1);
        long due = start(earned.plusDays(16));
        WageArrears arrears = new WageArrears();
        arrears.earned(earned);
        arrears.paid(due, 10_000);
        assertThat(arrears.check(start(earned), due, 10_000)).isNull();
        assertThat(arrears.nextCheckDay()).isNull();
    }

    @Test
    void aGrowingDebtUpdatesTheEpisodeAndTheOldestDebtIsSettledFirst() {
        LocalDate first = LocalDate.of(2025, 10, 1);
        WageArrears arrears = new WageArrears();
        arrears.earned(first);
        arrears.earned(first.plusDays(1));
        arrears.paid(start(first.plusDays(3)), 6_000); // covers part of day 1 only, early
        PayFinding open = arrears.check(start(first), start(first.plusDays(16)), 10_000);
        assertThat(open.measured()).isEqualTo(4_000);
        PayFinding grew = arrears.check(start(first.plusDays(1)), start(first.plusDays(17)), 5_000);
        assertThat(grew.status()).isEqualTo(ViolationStatus.UPDATED);
        assertThat(grew.measured()).isEqualTo(9_000);
        assertThat(grew.windowStart()).isEqualTo(start(first));
    }
}
