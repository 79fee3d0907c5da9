package org.gigwatch.streams.workingtime;

import java.util.List;
import java.util.function.Consumer;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.WorkingTimeBasis;

/**
 * DAILY_HOURS: working time in one local day of the region's zone over the category's daily maximum. The day is
 * judged once it is over (see {@link WorkingTime}: the clock, stream time less the grace period, passes the next
 * local midnight).
 */
public final class DailyHoursRule {
    public static final String ID = "DAILY_HOURS";

    private final long maximumMs;

    public DailyHoursRule(long dailyMaximumMinutes) {
        this.maximumMs = dailyMaximumMinutes * 60_000L;
    }

    /** The rule for a category, or null if the category has no daily maximum. */
    public static DailyHoursRule of(CategoryRules rules) {
        return rules.dailyMaximumMinutes() == null ? null : new DailyHoursRule(rules.dailyMaximumMinutes());
    }

    /** Judges a day that is over; {@code basis} is what counts as working time. */
    public void judge(LocalDay day, WorkingTimeBasis basis, Consumer<Finding> out) {
        long worked = day.ms(basis);
        if (worked > maximumMs) {
            out.accept(new Finding(ID, ViolationStatus.OPEN, day.start, day.end, day.end, worked / 1000,
                    maximumMs / 1000, List.copyOf(day.evidence(basis)), List.of(day.start, day.end)));
        }
    }
}
