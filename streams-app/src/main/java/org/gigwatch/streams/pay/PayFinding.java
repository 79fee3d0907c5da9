package org.gigwatch.streams.pay;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gigwatch.avro.ViolationStatus;

/**
 * What a pay rule found, before it is addressed to an account: money in integer minor units, {@code unit} says
 * which ({@code MINOR_UNITS} or {@code MINOR_UNITS_PER_HOUR}). {@code shortfall} is what the worker is owed because
 * of it, in {@code currency} (null: the account's). {@code details} is the evidence in structured form (order ids and amounts, working time, rates).
 */
public record PayFinding(String ruleId, ViolationStatus status, long windowStart, long windowEnd, long measured,
                         long threshold, String unit, Long shortfall, String currency, String ruleDataVersion,
                         List<String> evidenceEventIds, Map<String, String> details) {
    public static final String MINOR_UNITS = "MINOR_UNITS";
    public static final String MINOR_UNITS_PER_HOUR = "MINOR_UNITS_PER_HOUR";

    public PayFinding {
        evidenceEventIds = List.copyOf(evidenceEventIds);
        details = Collections.unmodifiableMap(new TreeMap<>(details)); // sorted: the same bytes on every run
    }
}
