package org.gigwatch.streams.workingtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.CategoryRules;

/**
 * REST_BREAK: a stretch is a maximal run of working time whose gaps are all shorter than the qualifying rest
 * (a gap of exactly 20:00 is a rest); a stretch whose working time is over the limit (240:00 exactly is allowed)
 * is one violation. Stretches are not cut at midnight.
 *
 * <p>Working time is fed in event-time order as pieces; the rule reports OPEN as soon as a piece takes the
 * stretch over the limit (stamped with the crossing instant, the last boundary cut there, so the alert does not
 * depend on how stream time was batched) and UPDATED with the final length once the rest has come.
 */
public final class RestBreakRule {
    public static final String ID = "REST_BREAK";

    private final long limitMs;
    private final long restMs;

    public RestBreakRule(long maxContinuousWorkMinutes, long qualifyingRestMinutes) {
        this.limitMs = maxContinuousWorkMinutes * 60_000L;
        this.restMs = qualifyingRestMinutes * 60_000L;
    }

    /** The rule for a category, or null if the category is not judged on rest breaks. */
    public static RestBreakRule of(CategoryRules rules) {
        return rules.restBreak() ? new RestBreakRule(rules.maxContinuousWorkMinutes(), rules.qualifyingRestMinutes()) : null;
    }

    /** The longest stretch allowed, in milliseconds (working time over it is a violation). */
    public long limitMs() {
        return limitMs;
    }

    /** One stretch in progress (state: public fields for the JSON state serde). */
    public static final class Stretch {
        public long start;
        public long end;
        public long workedMs;
        public Long crossedAt;
        public List<Long> boundaries = new ArrayList<>();
        public LinkedHashSet<String> evidence = new LinkedHashSet<>();
    }

    /**
     * Working time {@code from..to}, not before the end of the previous piece. {@code startedBy} is the event that
     * began it (null if the piece continues one cut by the clock). Returns the stretch it now belongs to.
     */
    public Stretch work(Stretch stretch, long from, long to, String startedBy, Consumer<Finding> out) {
        stretch = quietUntil(stretch, from, out);
        if (stretch == null) {
            stretch = new Stretch();
            stretch.start = from;
        }
        long before = stretch.workedMs;
        int last = stretch.boundaries.size() - 1;
        if (last > 0 && stretch.boundaries.get(last) == from) {
            stretch.boundaries.set(last, to); // a continuation or a zero gap: one interval, as the oracle merges them
        } else {
            stretch.boundaries.add(from);
            stretch.boundaries.add(to);
        }
        if (startedBy != null) {
            stretch.evidence.add(startedBy);
        }
        stretch.end = to;
        stretch.workedMs += to - from;
        if (stretch.crossedAt == null && stretch.workedMs > limitMs) {
            long crossing = from + (limitMs - before);
            stretch.crossedAt = crossing;
            List<Long> upToCrossing = new ArrayList<>(stretch.boundaries);
            upToCrossing.set(upToCrossing.size() - 1, crossing);
            out.accept(finding(stretch, ViolationStatus.OPEN, crossing, limitMs, upToCrossing));
        }
        return stretch;
    }

    /** Records the event that ended the last piece (a logout, a break) as evidence of the stretch. */
    public void endedBy(Stretch stretch, String eventId) {
        if (stretch != null && eventId != null) {
            stretch.evidence.add(eventId);
        }
    }

    /**
     * Nothing was worked after the stretch's end up to {@code now}: if that is a qualifying rest, the stretch is
     * over (UPDATED with its final length if it was a violation) and null is returned.
     */
    public Stretch quietUntil(Stretch stretch, long now, Consumer<Finding> out) {
        if (stretch == null || now - stretch.end < restMs) {
            return stretch;
        }
        if (stretch.crossedAt != null) {
            out.accept(finding(stretch, ViolationStatus.UPDATED, stretch.end, stretch.workedMs, stretch.boundaries));
        }
        return null;
    }

    /**
     * When this subject's clock must next be advanced for this rule: the first instant over the limit if the worker
     * stays online from {@code onlineSince} (null if offline), or the instant the rest is complete; null if never.
     */
    public Long due(Stretch stretch, Long onlineSince) {
        if (onlineSince == null) {
            return stretch == null ? null : stretch.end + restMs;
        }
        boolean continues = stretch != null && onlineSince - stretch.end < restMs;
        if (continues && stretch.crossedAt != null) {
            return null; // already reported; the rest, when it comes, is found when the worker goes offline
        }
        long worked = continues ? stretch.workedMs : 0;
        return onlineSince + (limitMs - worked) + 1;
    }

    private Finding finding(Stretch stretch, ViolationStatus status, long end, long workedMs, List<Long> boundaries) {
        return new Finding(ID, status, stretch.start, end, stretch.crossedAt, workedMs / 1000, limitMs / 1000,
                List.copyOf(stretch.evidence), boundaries);
    }
}
