package org.gigwatch.streams.workingtime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import org.gigwatch.schemas.rules.WorkingTimeBasis;

/**
 * One local day of a subject's region, being counted: its online and its order time (both kinds, whatever the rule
 * pack counts as working time, because the pay rules want both), and the events that began and ended them. Work is
 * cut at local midnight; days are 23 to 25 hours long where zones shift. State: public fields (JSON).
 */
public final class LocalDay {
    public String date;
    public long start;
    public long end;
    public long onlineMs;
    public long orderMs;
    public LinkedHashSet<String> onlineEvidence = new LinkedHashSet<>();
    public LinkedHashSet<String> orderEvidence = new LinkedHashSet<>();

    /** The local day {@code instant} falls in. */
    public static LocalDay of(long instant, ZoneId zone) {
        LocalDate date = dateOf(instant, zone);
        LocalDay day = new LocalDay();
        day.date = date.toString();
        day.start = startOf(date, zone);
        day.end = startOf(date.plusDays(1), zone);
        return day;
    }

    public static LocalDate dateOf(long instant, ZoneId zone) {
        return Instant.ofEpochMilli(instant).atZone(zone).toLocalDate();
    }

    public static long startOf(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    @JsonIgnore
    public LocalDate localDate() {
        return LocalDate.parse(date);
    }

    /** Milliseconds of this kind of time in the day. */
    public long ms(WorkingTimeBasis kind) {
        return kind == WorkingTimeBasis.ONLINE ? onlineMs : orderMs;
    }

    public LinkedHashSet<String> evidence(WorkingTimeBasis kind) {
        return kind == WorkingTimeBasis.ONLINE ? onlineEvidence : orderEvidence;
    }

    void add(WorkingTimeBasis kind, long ms, String startedBy) {
        if (kind == WorkingTimeBasis.ONLINE) {
            onlineMs += ms;
        } else {
            orderMs += ms;
        }
        if (startedBy != null) {
            evidence(kind).add(startedBy);
        }
    }
}
