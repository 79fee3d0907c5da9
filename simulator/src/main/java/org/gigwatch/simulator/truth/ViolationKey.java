package org.gigwatch.simulator.truth;

import java.time.Instant;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;

/** What identifies a violation when scoring a monitor: rule, scope, worker and window start. */
public record ViolationKey(String rule, Scope scope, String worker, Instant windowStart) {
    /** The key of an alert the monitor published. */
    public static ViolationKey of(Violation alert) {
        return new ViolationKey(alert.getRuleId(), alert.getScope(), alert.getWorkerKey(), alert.getWindowStart());
    }
}
