package org.gigwatch.streams.workingtime;

import java.util.function.Consumer;

/**
 * One subject's working time in event time (a platform account, or a person over all their platforms), with the
 * state of every working-time rule. Transitions and clock advances come in event-time order; between them the
 * subject is either online (since {@link #onlineSince}) or not. Advancing the clock while online feeds the rules
 * the piece worked so far, so a worker who never logs out is judged by stream time alone.
 *
 * <p>State: public fields, stored as JSON.
 */
public final class WorkingTime {
    /** The rules that judge a subject; either may be null (not judged for its category). */
    public record Rules(RestBreakRule restBreak, DailyHoursRule dailyHours) {}

    /** Event time up to which this subject is known. */
    public long clock = Long.MIN_VALUE;
    public Long onlineSince;
    /** The event that brought the subject online, until it is recorded as evidence. */
    public String onlineBy;
    public RestBreakRule.Stretch stretch;
    public DailyHoursRule.Day day;
    /** The instant the subject is scheduled to be advanced at (the timer index key), if any. */
    public Long scheduled;

    public void online(long at, String eventId, Rules rules, Consumer<Finding> out) {
        advanceTo(at, rules, out);
        if (onlineSince == null) {
            onlineSince = at;
            onlineBy = eventId;
        }
    }

    public void offline(long at, String eventId, Rules rules, Consumer<Finding> out) {
        advanceTo(at, rules, out);
        if (onlineSince != null) {
            onlineSince = null;
            onlineBy = null;
            if (rules.restBreak() != null) {
                rules.restBreak().endedBy(stretch, eventId);
            }
            if (rules.dailyHours() != null) {
                rules.dailyHours().endedBy(day, eventId);
            }
        }
    }

    /** Nothing before {@code now} is unknown any more: count the time worked up to it and close what it closes. */
    public void advanceTo(long now, Rules rules, Consumer<Finding> out) {
        if (now <= clock) {
            return;
        }
        RestBreakRule rest = rules.restBreak();
        DailyHoursRule daily = rules.dailyHours();
        if (onlineSince != null && now > onlineSince) {
            if (rest != null) {
                stretch = rest.work(stretch, onlineSince, now, onlineBy, out);
            }
            if (daily != null) {
                day = daily.work(day, onlineSince, now, onlineBy, out);
            }
            onlineSince = now;
            onlineBy = null;
        }
        if (rest != null) {
            stretch = rest.quietUntil(stretch, now, out);
        }
        if (daily != null) {
            day = daily.quietUntil(day, now, out);
        }
        clock = now;
    }

    /** When the clock of this subject must next be advanced even if it sends nothing; null if never. */
    public Long due(Rules rules) {
        Long due = null;
        if (rules.restBreak() != null) {
            due = rules.restBreak().due(stretch, onlineSince);
        }
        if (rules.dailyHours() != null) {
            due = earliest(due, rules.dailyHours().due(day, onlineSince));
        }
        return due;
    }

    /** Whether nothing is left to remember (offline, no stretch or day in progress). */
    public boolean idle() {
        return onlineSince == null && stretch == null && day == null;
    }

    private static Long earliest(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }
}
