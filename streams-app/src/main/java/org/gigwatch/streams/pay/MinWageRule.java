package org.gigwatch.streams.pay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.WorkingTimeBasis;

/**
 * MIN_WAGE: a local day's pay (base + incentive of the orders delivered that day, tips excluded) below
 * due = ⌊hourly minimum in force that day × working ms / 3,600,000⌋, in integer minor units. Days with less than
 * the category's judged minimum of working time, and days with no minimum in force, are not judged.
 */
public final class MinWageRule {
    public static final String ID = "MIN_WAGE";

    /**
     * The violation of this day, or null (not judged, or paid at least what is due).
     *
     * @param wageTopic the topic {@code wage} was read from (the live one, or a what-if replay's), for the evidence
     */
    public static PayFinding judge(CategoryRules rules, WorkingTimeBasis basis, long dayStart, long dayEnd, PayDay day,
                                   MinimumWage wage, String wageTopic) {
        if (!rules.minimumWage() || wage == null || day.workedMs == null
                || day.workedMs < rules.minimumJudgedMinutes() * 60_000L) {
            return null;
        }
        long due = Math.multiplyExact(wage.getHourly(), day.workedMs) / 3_600_000L;
        if (day.pay >= due) {
            return null;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("orders", day.orders.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
        details.put("pay", Long.toString(day.pay));
        details.put("workingTime", basis.name());
        details.put("workedMillis", Long.toString(day.workedMs));
        details.put("onlineMillis", Long.toString(day.onlineMs));
        details.put("orderMillis", Long.toString(day.orderMs));
        details.put("hourlyMinimum", Long.toString(wage.getHourly()));
        details.put("minimumWageConfirmed", Boolean.toString(wage.getConfirmed()));
        details.put("minimumWageSource", wage.getSource());
        return new PayFinding(ID, ViolationStatus.OPEN, dayStart, dayEnd, day.pay, due, PayFinding.MINOR_UNITS,
                due - day.pay, wage.getCurrency(), wageVersion(wageTopic, wage), List.copyOf(day.orders.keySet()), details);
    }

    /** Which entry of the minimum-wage table decided it: its topic and key. */
    static String wageVersion(String topic, MinimumWage wage) {
        return topic + "#" + RuleTables.wageKey(wage.getRegion(), wage.getEffectiveFrom());
    }

    private MinWageRule() {}
}
