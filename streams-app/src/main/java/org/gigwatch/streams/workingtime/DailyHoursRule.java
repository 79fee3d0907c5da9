package org.gigwatch.streams.workingtime;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.CategoryRules;

/**
 * DAILY_HOURS: working time in one local day of the region's zone over the category's daily maximum. Working time
 * is cut at local midnight; a day is judged once it is over, i.e. when the clock (stream time less the grace
 * period) passes the next local midnight.
 */
public final class DailyHoursRule {
    public static final String ID = "DAILY_HOURS";

    private final long maximumMs;
    private final ZoneId zone;

    public DailyHoursRule(long dailyMaximumMinutes, ZoneId zone) {
        this.maximumMs = dailyMaximumMinutes * 60_000L;
        this.zone = zone;
    }

    /** The rule for a category in a zone, or null if the category has no daily maximum. */
    public static DailyHoursRule of(CategoryRules rules, ZoneId zone) {
        return rules.dailyMaximumMinutes() == null ? null : new DailyHoursRule(rules.dailyMaximumMinutes(), zone);
    }

    /** The daily maximum, in milliseconds. */
    public long maximumMs() {
        return maximumMs;
    }

    /** The zone whose local days are counted. */
    public ZoneId zone() {
        return zone;
    }

    /** The local day being counted (state: public fields for the JSON state serde). */
    public static final class Day {
        public long start;
        public long end;
        public long workedMs;
        public LinkedHashSet<String> evidence = new LinkedHashSet<>();
    }

    /** Working time {@code from..to}, in event-time order; a day left behind is judged on the way. */
    public Day work(Day day, long from, long to, String startedBy, Consumer<Finding> out) {
        while (from < to) {
            day = quietUntil(day, from, out);
            if (day == null) {
                day = new Day();
                day.start = startOfDay(from);
                day.end = endOfDay(from);
            }
            long until = Math.min(to, day.end);
            day.workedMs += until - from;
            if (startedBy != null) {
                day.evidence.add(startedBy);
                startedBy = null;
            }
            from = until;
        }
        return day;
    }

    public void endedBy(Day day, String eventId) {
        if (day != null && eventId != null) {
            day.evidence.add(eventId);
        }
    }

    /** Judges the day once {@code now} has reached its end; returns the day still open, or null. */
    public Day quietUntil(Day day, long now, Consumer<Finding> out) {
        if (day == null || now < day.end) {
            return day;
        }
        if (day.workedMs > maximumMs) {
            out.accept(new Finding(ID, ViolationStatus.OPEN, day.start, day.end, day.end, day.workedMs / 1000,
                    maximumMs / 1000, List.copyOf(day.evidence), List.of(day.start, day.end)));
        }
        return null;
    }

    /** When the open day must be judged: its end, or the end of the day the worker is online in. */
    public Long due(Day day, Long onlineSince) {
        Long due = day == null ? null : day.end;
        if (onlineSince != null) {
            long end = endOfDay(onlineSince);
            due = due == null ? end : Math.min(due, end);
        }
        return due;
    }

    private long startOfDay(long instant) {
        return localDate(instant).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long endOfDay(long instant) {
        return localDate(instant).plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private LocalDate localDate(long instant) {
        return Instant.ofEpochMilli(instant).atZone(zone).toLocalDate();
    }
}
