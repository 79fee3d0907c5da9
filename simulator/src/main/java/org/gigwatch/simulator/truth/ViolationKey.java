package org.gigwatch.simulator.truth;

import java.time.Instant;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;

/**
 * What identifies a violation when scoring a monitor: rule, scope, subject and window start. The subject is the
 * worker key (platformId/workerId, or the cross-platform workerKey), or for a platform-level rule (QUOTA, whose
 * alerts carry no worker) {@code platformId/region/role}.
 */
public record ViolationKey(String rule, Scope scope, String worker, Instant windowStart) {
    /** The details entry a QUOTA alert names its role in. */
    public static final String ROLE = "role";

    /** The key of an alert the monitor published. */
    public static ViolationKey of(Violation alert) {
        String subject = alert.getWorkerKey() != null ? alert.getWorkerKey()
                : quotaSubject(alert.getPlatformId(), alert.getRegion(), alert.getDetails().get(ROLE));
        return new ViolationKey(alert.getRuleId(), alert.getScope(), subject, alert.getWindowStart());
    }

    /** The subject of a QUOTA finding: the quota's platform, region and role. */
    public static String quotaSubject(String platformId, String region, String role) {
        return platformId + "/" + region + "/" + role;
    }
}
