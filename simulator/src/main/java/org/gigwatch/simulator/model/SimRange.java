package org.gigwatch.simulator.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The simulated local days first..last (inclusive); instants are taken in the zone of the region asked about. */
public record SimRange(LocalDate first, int days) {
    public SimRange {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
    }

    public LocalDate last() {
        return first.plusDays(days - 1L);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(first) && !day.isAfter(last());
    }

    public List<LocalDate> dates() {
        List<LocalDate> dates = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            dates.add(first.plusDays(i));
        }
        return dates;
    }

    /** Start of the first day, epoch ms. */
    public long start(ZoneId zone) {
        return startOf(first, zone);
    }

    /** End of the last day (exclusive), epoch ms. */
    public long end(ZoneId zone) {
        return startOf(last().plusDays(1), zone);
    }

    /** Whether every day of the month is simulated. */
    public boolean containsMonth(YearMonth month) {
        return contains(month.atDay(1)) && contains(month.atEndOfMonth());
    }

    /** Whether the whole ISO week (Monday..Sunday) starting on this Monday is simulated. */
    public boolean containsWeek(LocalDate monday) {
        return monday.getDayOfWeek() == DayOfWeek.MONDAY && contains(monday) && contains(monday.plusDays(6));
    }

    public static long startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
