package org.gigwatch.streams.workingtime;

import java.time.ZoneId;
import java.util.function.Consumer;
import org.gigwatch.schemas.rules.WorkingTimeBasis;

/**
 * One subject's working time in event time (a platform account, or a person over all their platforms), with the
 * state of every working-time rule. Two kinds of time are tracked: ONLINE (logged in, not on a break) and ORDER
 * (at least one order accepted and not yet delivered or cancelled); the rule pack's basis says which one the rules
 * judge, and both are counted per local day. Transitions and clock advances come in event-time order; advancing
 * the clock while working feeds the rules the piece worked so far, so a worker who never logs out is judged by
 * stream time alone. Local days are closed (judged, reported) once the clock reaches their end.
 *
 * <p>State: public fields, stored as JSON.
 */
public final class WorkingTime {
    /**
     * The rules that judge a subject: what counts as working time, the zone of its local days, and the rules (each
     * may be null: not judged for its category).
     */
    public record Rules(WorkingTimeBasis basis, ZoneId zone, RestBreakRule restBreak, DailyHoursRule dailyHours) {}

    /** Where findings go; closed local days too, for whoever reports them (the platform scope). */
    public interface Output extends Consumer<Finding> {
        default void closed(LocalDay day) {}
    }

    /** Event time up to which this subject is known. */
    public long clock = Long.MIN_VALUE;
    public Long onlineSince;
    /** The event that brought the subject online, until it is recorded as evidence. */
    public String onlineBy;
    public Long orderSince;
    public String orderBy;
    public RestBreakRule.Stretch stretch;
    public LocalDay day;
    /** The instant the subject is scheduled to be advanced at (the timer index key), if any. */
    public Long scheduled;

    /** The subject starts working (the rule pack's kind of time): a person in the cross-platform scope. */
    public void online(long at, String eventId, Rules rules, Output out) {
        start(rules.basis(), at, eventId, rules, out);
    }

    /** The subject stops working (the rule pack's kind of time). */
    public void offline(long at, String eventId, Rules rules, Output out) {
        stop(rules.basis(), at, eventId, rules, out);
    }

    public void start(WorkingTimeBasis kind, long at, String eventId, Rules rules, Output out) {
        advanceTo(at, rules, out);
        if (since(kind) == null) {
            set(kind, at, eventId);
        }
    }

    public void stop(WorkingTimeBasis kind, long at, String eventId, Rules rules, Output out) {
        advanceTo(at, rules, out);
        if (since(kind) != null) {
            set(kind, null, null);
            if (day != null && eventId != null) {
                day.evidence(kind).add(eventId);
            }
            if (kind == rules.basis() && rules.restBreak() != null) {
                rules.restBreak().endedBy(stretch, eventId);
            }
        }
    }

    public boolean active(WorkingTimeBasis kind) {
        return since(kind) != null;
    }

    /** Nothing before {@code now} is unknown any more: count the time up to it and close what it closes. */
    public void advanceTo(long now, Rules rules, Output out) {
        if (now <= clock) {
            return;
        }
        while (true) {
            Long from = earliest(onlineSince, orderSince);
            if (day == null && from != null && from < now) {
                day = LocalDay.of(from, rules.zone());
            }
            long to = day == null ? now : Math.min(now, day.end);
            if (onlineSince != null && onlineSince < to) {
                work(WorkingTimeBasis.ONLINE, onlineSince, to, onlineBy, rules, out);
                onlineSince = to;
                onlineBy = null;
            }
            if (orderSince != null && orderSince < to) {
                work(WorkingTimeBasis.ORDER, orderSince, to, orderBy, rules, out);
                orderSince = to;
                orderBy = null;
            }
            if (day == null || now < day.end) {
                break;
            }
            close(rules, out);
        }
        if (rules.restBreak() != null) {
            stretch = rules.restBreak().quietUntil(stretch, now, out);
        }
        clock = now;
    }

    private void work(WorkingTimeBasis kind, long from, long to, String startedBy, Rules rules, Output out) {
        day.add(kind, to - from, startedBy);
        if (kind == rules.basis() && rules.restBreak() != null) {
            stretch = rules.restBreak().work(stretch, from, to, startedBy, out);
        }
    }

    /** The day is over: the day rules judge it, and it is reported. */
    private void close(Rules rules, Output out) {
        LocalDay closed = day;
        day = null;
        if (rules.dailyHours() != null) {
            rules.dailyHours().judge(closed, rules.basis(), out);
        }
        out.closed(closed);
    }

    /** When the clock of this subject must next be advanced even if it sends nothing; null if never. */
    public Long due(Rules rules) {
        Long due = null;
        if (rules.restBreak() != null) {
            due = rules.restBreak().due(stretch, since(rules.basis()));
        }
        Long from = earliest(onlineSince, orderSince);
        if (day != null) {
            due = earliest(due, day.end);
        } else if (from != null) {
            due = earliest(due, LocalDay.of(from, rules.zone()).end);
        }
        return due;
    }

    /** Whether nothing is left to remember (not working, no stretch or day in progress). */
    public boolean idle() {
        return onlineSince == null && orderSince == null && stretch == null && day == null;
    }

    private Long since(WorkingTimeBasis kind) {
        return kind == WorkingTimeBasis.ONLINE ? onlineSince : orderSince;
    }

    private void set(WorkingTimeBasis kind, Long since, String by) {
        if (kind == WorkingTimeBasis.ONLINE) {
            onlineSince = since;
            onlineBy = by;
        } else {
            orderSince = since;
            orderBy = by;
        }
    }

    private static Long earliest(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }
}
