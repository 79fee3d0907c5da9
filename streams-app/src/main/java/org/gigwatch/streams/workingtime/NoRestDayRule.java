package org.gigwatch.streams.workingtime;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.WorkingTimeBasis;

/**
 * NO_REST_DAY: working time on all seven local days of an ISO week (Monday to Sunday in the region's zone). Fed the
 * subject's closed days in order: a run of worked days that starts on a Monday is followed day by day, dropped at
 * the first day without work, and is a violation when its Sunday closes (the week's end). Measured in days worked.
 */
public final class NoRestDayRule {
    public static final String ID = "NO_REST_DAY";
    static final int DAYS = 7;

    private final ZoneId zone;

    public NoRestDayRule(ZoneId zone) {
        this.zone = zone;
    }

    /** The rule for a category in a zone, or null if the category has no weekly rest day. */
    public static NoRestDayRule of(CategoryRules rules, ZoneId zone) {
        return rules.weeklyRestDay() ? new NoRestDayRule(zone) : null;
    }

    /** The days worked so far of a week, from its Monday (state: public fields for the JSON serde). */
    public static final class Week {
        public long start;
        public int days;
        /** The end of the last day worked. */
        public long lastDayEnd;
        /** The end of the day after it: without work by then, the week has a rest day. */
        public long restDayEnd;
        public LinkedHashSet<String> evidence = new LinkedHashSet<>();
    }

    /** A closed day: extends the week's run if it is the next day and had work; a Monday starts a new run. */
    public Week add(Week week, LocalDay day, WorkingTimeBasis basis, Consumer<Finding> out) {
        if (day.ms(basis) <= 0) {
            return week; // no work: the run breaks when its rest day ends (quietUntil)
        }
        if (week == null || day.start != week.lastDayEnd) {
            if (day.localDate().getDayOfWeek() != DayOfWeek.MONDAY) {
                return null;
            }
            week = new Week();
            week.start = day.start;
        }
        week.days++;
        week.lastDayEnd = day.end;
        week.restDayEnd = LocalDay.of(day.end, zone).end;
        week.evidence.addAll(day.evidence(basis));
        if (week.days == DAYS) {
            out.accept(new Finding(ID, ViolationStatus.OPEN, week.start, day.end, day.end, DAYS, DAYS - 1,
                    List.copyOf(week.evidence), List.of(week.start, day.end), Finding.DAYS));
            return null;
        }
        return week;
    }

    /** Drops the run once a day without work has passed (a rest day); returns the run still open, or null. */
    public Week quietUntil(Week week, long now) {
        return week == null || now < week.restDayEnd ? week : null;
    }

    public Long due(Week week) {
        return week == null ? null : week.restDayEnd;
    }
}
