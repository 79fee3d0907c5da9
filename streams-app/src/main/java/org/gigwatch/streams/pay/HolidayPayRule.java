package org.gigwatch.streams.pay;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.CategoryRules;

/**
 * HOLIDAY_PAY: on a statutory holiday with at least the judged minimum of working time, the holiday's hourly pay
 * must be at least the category's multiplier times the normal hourly pay (strictly above it where the category
 * says so). Normal = Σpay / Σworking time over the {@code holidayReferenceDays} days before the holiday that are
 * not holidays (holidays are skipped, so the window reaches further back; days without data count with no work).
 * Not judged when those days hold less than the judged minimum of work. Compared as
 * holidayPay × normalMs × 100 against multiplier% × normalPay × holidayMs, in exact integers.
 */
public final class HolidayPayRule {
    public static final String ID = "HOLIDAY_PAY";
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    private static final BigInteger HOUR_MS = BigInteger.valueOf(3_600_000L);

    /**
     * The violation of this holiday, or null.
     *
     * @param days      an account's day by date (null where nothing is known: no pay, no work)
     * @param isHoliday the holiday calendar, for skipping holidays among the reference days
     * @param holidayTopic the topic the calendar was read from (the live one, or a what-if replay's), for the evidence
     */
    public static PayFinding judge(CategoryRules rules, LocalDate holiday, long dayStart, long dayEnd,
                                   Function<LocalDate, PayDay> days, Predicate<LocalDate> isHoliday, String holidayTopic) {
        if (!rules.holidayPay() || rules.holidayPayMultiplierPercent() == null) {
            return null;
        }
        long judged = rules.minimumJudgedMinutes() * 60_000L;
        PayDay today = days.apply(holiday);
        long holidayMs = today == null || today.workedMs == null ? 0 : today.workedMs;
        if (holidayMs < judged) {
            return null;
        }
        long normalMs = 0;
        long normalPay = 0;
        LocalDate day = holiday;
        for (int counted = 0; counted < rules.holidayReferenceDays(); ) {
            day = day.minusDays(1);
            if (!isHoliday.test(day)) {
                PayDay reference = days.apply(day);
                if (reference != null) {
                    normalMs += reference.workedMs == null ? 0 : reference.workedMs;
                    normalPay += reference.pay;
                }
                counted++;
            }
        }
        if (normalMs < judged) {
            return null;
        }
        boolean strictly = Boolean.TRUE.equals(rules.holidayPayStrictlyAbove());
        BigInteger percent = BigInteger.valueOf(rules.holidayPayMultiplierPercent());
        BigInteger holidaySide = BigInteger.valueOf(today.pay).multiply(BigInteger.valueOf(normalMs)).multiply(HUNDRED);
        BigInteger normalSide = percent.multiply(BigInteger.valueOf(normalPay)).multiply(BigInteger.valueOf(holidayMs));
        int comparison = holidaySide.compareTo(normalSide);
        if (strictly ? comparison > 0 : comparison >= 0) {
            return null;
        }
        // the least pay that complies: ⌈required⌉, or ⌊required⌋ + 1 where it must be strictly above
        BigInteger divisor = BigInteger.valueOf(normalMs).multiply(HUNDRED);
        BigInteger[] required = normalSide.divideAndRemainder(divisor);
        long leastCompliant = required[0].longValueExact() + (strictly || required[1].signum() > 0 ? 1 : 0);
        long normalHourly = percent.multiply(BigInteger.valueOf(normalPay)).multiply(HOUR_MS).divide(divisor).longValueExact();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("holidayPay", Long.toString(today.pay));
        details.put("holidayMillis", Long.toString(holidayMs));
        details.put("normalPay", Long.toString(normalPay));
        details.put("normalMillis", Long.toString(normalMs));
        details.put("referenceDays", day + "/" + holiday.minusDays(1));
        details.put("multiplierPercent", percent.toString());
        details.put("strictlyAbove", Boolean.toString(strictly));
        details.put("orders", String.join(",", today.orders.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        return new PayFinding(ID, ViolationStatus.OPEN, dayStart, dayEnd, today.pay * 3_600_000L / holidayMs,
                normalHourly, PayFinding.MINOR_UNITS_PER_HOUR, leastCompliant - today.pay, null,
                holidayTopic + "#" + holiday, List.copyOf(today.orders.keySet()), details);
    }

    private HolidayPayRule() {}
}
