package org.gigwatch.streams.workingtime;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.WorkingTimeBasis;

/**
 * MONTHLY_OVERTIME: the overtime of a calendar month of the region's zone, Σ over its local days of
 * max(0, day − daily standard), over the category's monthly maximum (exactly the maximum is allowed). Fed the
 * subject's closed days in order; the month is judged once the clock reaches its end (the next month's first local
 * midnight), whether or not its last days had work. Measured in seconds.
 */
public final class MonthlyOvertimeRule {
    public static final String ID = "MONTHLY_OVERTIME";

    private final long standardMs;
    private final long maximumMs;
    private final ZoneId zone;

    public MonthlyOvertimeRule(long dailyStandardMinutes, long monthlyOvertimeMaximumMinutes, ZoneId zone) {
        this.standardMs = dailyStandardMinutes * 60_000L;
        this.maximumMs = monthlyOvertimeMaximumMinutes * 60_000L;
        this.zone = zone;
    }

    /** The rule for a category in a zone, or null if the category has no monthly maximum (or no daily standard). */
    public static MonthlyOvertimeRule of(CategoryRules rules, ZoneId zone) {
        return rules.monthlyOvertimeMaximumMinutes() == null || rules.dailyStandardMinutes() == null ? null
                : new MonthlyOvertimeRule(rules.dailyStandardMinutes(), rules.monthlyOvertimeMaximumMinutes(), zone);
    }

    /** The month being summed; only kept once it has overtime (state: public fields for the JSON serde). */
    public static final class Month {
        public long start;
        public long end;
        public long overtimeMs;
        public LinkedHashSet<String> evidence = new LinkedHashSet<>();
        /** The days with overtime, flat: start, end, start, end... */
        public List<Long> days = new ArrayList<>();
    }

    /** A closed day: a month left behind is judged first; the day's overtime, if any, is added to its month. */
    public Month add(Month month, LocalDay day, WorkingTimeBasis basis, Consumer<Finding> out) {
        month = quietUntil(month, day.start, out);
        long overtime = day.ms(basis) - standardMs;
        if (overtime <= 0) {
            return month;
        }
        if (month == null) {
            YearMonth of = YearMonth.from(day.localDate());
            month = new Month();
            month.start = LocalDay.startOf(of.atDay(1), zone);
            month.end = LocalDay.startOf(of.plusMonths(1).atDay(1), zone);
        }
        month.overtimeMs += overtime;
        month.evidence.addAll(day.evidence(basis));
        month.days.add(day.start);
        month.days.add(day.end);
        return month;
    }

    /** Judges the month once {@code now} has reached its end; returns the month still open, or null. */
    public Month quietUntil(Month month, long now, Consumer<Finding> out) {
        if (month == null || now < month.end) {
            return month;
        }
        if (month.overtimeMs > maximumMs) {
            out.accept(new Finding(ID, ViolationStatus.OPEN, month.start, month.end, month.end, month.overtimeMs / 1000,
                    maximumMs / 1000, List.copyOf(month.evidence), month.days));
        }
        return null;
    }

    public Long due(Month month) {
        return month == null ? null : month.end;
    }
}
