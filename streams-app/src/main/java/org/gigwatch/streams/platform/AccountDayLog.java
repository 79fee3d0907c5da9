package org.gigwatch.streams.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.streams.workingtime.SessionPresence;

/**
 * An account's working time (online time: logged in, not on a declared break) counted from local midnight, and the
 * working time at each delivery, for the quota rule. Fed in event-time order; {@link #advanceTo} closes each local
 * day the account worked as a {@link QuotaDay}. Malformed sessions follow {@link SessionPresence}'s written rules.
 * Jackson state (public fields) for a changelogged store.
 */
public final class AccountDayLog {
    public SessionPresence session = new SessionPresence();
    public String platformId;
    public String workerId;
    public String region;
    public String zone;
    /** From the registration; an account without one is not judged under quotas (its role is unknown). */
    public String role;
    public long legalMs;
    /** The local day being counted: [dayStart, dayEnd); 0 when none yet. */
    public long dayStart;
    public long dayEnd;
    /** Working ms of the day up to {@link #at}. */
    public long workedMs;
    public long at;
    public List<Long> workedAt = new ArrayList<>();
    /** The timer this account is filed under (the day's end), for the processor's timer index. */
    public Long scheduled;

    public AccountDayLog() {}

    public AccountDayLog(String platformId, String workerId, String region, ZoneId zone) {
        this.platformId = platformId;
        this.workerId = workerId;
        this.region = region;
        this.zone = zone.getId();
    }

    /** Counts working time up to t, closing every local day that ends at or before it (the one at t is the next's). */
    public void advanceTo(long t, Consumer<QuotaDay> closed) {
        if (dayEnd == 0 || (workedMs == 0 && !session.online() && t >= dayEnd)) {
            startDay(t); // nothing to count before t: jump to t's day
            return;
        }
        while (t >= dayEnd) {
            count(dayEnd);
            if (workedMs > 0 && role != null) {
                closed.accept(new QuotaDay(platformId, workerId, region, role, localDate().toEpochDay(), dayStart, dayEnd, workedMs,
                        workedAt.stream().mapToLong(Long::longValue).toArray(), legalMs));
            }
            startDay(session.online() ? dayEnd : t);
        }
        count(t);
    }

    public void session(SessionEventType type, long t, Consumer<QuotaDay> closed) {
        advanceTo(t, closed);
        session.apply(type);
    }

    public void delivered(long t, Consumer<QuotaDay> closed) {
        advanceTo(t, closed);
        workedAt.add(workedMs);
    }

    /** When the account must be advanced even if it sends nothing: the end of a day with work; null if idle. */
    @JsonIgnore
    public Long due() {
        return workedMs > 0 || session.online() ? dayEnd : null;
    }

    /** Logged out with nothing counted: the state can go. */
    @JsonIgnore
    public boolean idle() {
        return !session.loggedIn && workedMs == 0;
    }

    private void count(long t) {
        if (session.online() && t > at) {
            workedMs += t - at;
        }
        at = Math.max(at, t);
    }

    /** Starts counting the local day of t from t. */
    private void startDay(long t) {
        ZoneId z = ZoneId.of(zone);
        LocalDate day = Instant.ofEpochMilli(t).atZone(z).toLocalDate();
        dayStart = day.atStartOfDay(z).toInstant().toEpochMilli();
        dayEnd = day.plusDays(1).atStartOfDay(z).toInstant().toEpochMilli();
        workedMs = 0;
        workedAt = new ArrayList<>();
        at = t; // counted up to here: the new day's start while online across midnight, else nothing before t
    }

    private LocalDate localDate() {
        return Instant.ofEpochMilli(dayStart).atZone(ZoneId.of(zone)).toLocalDate();
    }
}
