package org.gigwatch.simulator.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Comparator;
import org.gigwatch.avro.Scope;

/**
 * One violation a correct monitor must report: a line of the ground truth.
 *
 * @param worker     platformId/workerId in the platform scope, the workerKey in the cross-platform scope
 * @param platformId null in the cross-platform scope
 * @param measured   what was measured, in the rule's unit (docs/SIMULATOR.md)
 * @param shortfall  money owed because of it (MIN_WAGE only), otherwise null
 * @param injected   whether an injection explains it (false would mean the baseline broke a rule)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExpectedViolation(Rule rule, Scope scope, String worker, String platformId, String region,
                                Instant windowStart, Instant windowEnd, long measured, Long shortfall,
                                boolean injected) {
    /** The ground truth's order: by window start, then rule, scope, worker, window end. */
    public static final Comparator<ExpectedViolation> ORDER = Comparator.comparing(ExpectedViolation::windowStart)
            .thenComparing(ExpectedViolation::rule)
            .thenComparing(ExpectedViolation::scope)
            .thenComparing(ExpectedViolation::worker)
            .thenComparing(ExpectedViolation::windowEnd);

    public ExpectedViolation withInjected(boolean value) {
        return new ExpectedViolation(rule, scope, worker, platformId, region, windowStart, windowEnd, measured,
                shortfall, value);
    }

    public ViolationKey key() {
        return new ViolationKey(rule.name(), scope, worker, windowStart);
    }
}
