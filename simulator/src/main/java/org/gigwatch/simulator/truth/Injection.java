package org.gigwatch.simulator.truth;

import org.gigwatch.avro.Scope;

/**
 * What the generator meant to inject: a violation (or, with violation false, a near miss that must NOT be one),
 * expected with a window start in [from, to) (epoch ms). Only tests and the "injected" flag of the ground truth
 * use these labels; the ground truth itself comes from the oracle.
 *
 * @param worker     platformId/workerId, or the workerKey in the cross-platform scope
 * @param platformId null in the cross-platform scope
 * @param variant    which kind of case, e.g. "long", "edge+12s", "gap-19:59", "paid-late-1d"
 */
public record Injection(Rule rule, Scope scope, String worker, String platformId, long from, long to,
                        boolean violation, String variant) {
    public boolean explains(ExpectedViolation v) {
        long start = v.windowStart().toEpochMilli();
        return v.rule() == rule && v.scope() == scope && v.worker().equals(worker) && start >= from && start < to;
    }
}
