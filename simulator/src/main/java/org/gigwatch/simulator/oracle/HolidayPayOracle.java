package org.gigwatch.simulator.oracle;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/**
 * On a statutory holiday with at least the judged minimum of work: the holiday's hourly pay (pay / working time
 * that day) must be at least the multiplier times the normal hourly pay (Σpay / Σworking time over the previous
 * holidayReferenceDays days that are not holidays, going back past holidays), or strictly above it where the
 * category says so. Compared as holidayPay × normalMs × 100 against multiplier% × normalPay × holidayMs, in exact
 * integers. Not judged when the reference days hold less than the judged minimum of work.
 * Measured = the holiday's hourly pay in fen per hour (rounded down).
 */
public final class HolidayPayOracle implements RuleOracle {
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    private final RulePack pack;

    public HolidayPayOracle(RulePack pack) {
        this.pack = pack;
    }

    @Override
    public Rule rule() {
        return Rule.HOLIDAY_PAY;
    }

    @Override
    public void check(Subject s, Consumer<ExpectedViolation> out) {
        CategoryRules rules = s.rules();
        if (!rules.holidayPay()) {
            return;
        }
        long judged = rules.minimumJudgedMinutes() * 60_000L;
        for (LocalDate holiday : s.range().dates()) {
            if (!pack.isHoliday(holiday)) {
                continue;
            }
            long holidayMs = s.workedMs(holiday);
            if (holidayMs < judged) {
                continue;
            }
            long normalMs = 0;
            long normalPay = 0;
            LocalDate day = holiday;
            for (int counted = 0; counted < rules.holidayReferenceDays(); ) {
                day = day.minusDays(1);
                if (!pack.isHoliday(day)) {
                    normalMs += s.workedMs(day);
                    normalPay += s.payOn(day);
                    counted++;
                }
            }
            if (normalMs < judged) {
                continue;
            }
            long holidayPay = s.payOn(holiday);
            BigInteger holidaySide = BigInteger.valueOf(holidayPay).multiply(BigInteger.valueOf(normalMs)).multiply(HUNDRED);
            BigInteger normalSide = BigInteger.valueOf(rules.holidayPayMultiplierPercent())
                    .multiply(BigInteger.valueOf(normalPay)).multiply(BigInteger.valueOf(holidayMs));
            int comparison = holidaySide.compareTo(normalSide);
            boolean violated = Boolean.TRUE.equals(rules.holidayPayStrictlyAbove()) ? comparison <= 0 : comparison < 0;
            if (violated) {
                out.accept(s.violation(rule(), s.dayStart(holiday), s.dayStart(holiday.plusDays(1)),
                        holidayPay * 3_600_000L / holidayMs, null));
            }
        }
    }
}
