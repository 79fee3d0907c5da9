package org.gigwatch.simulator.oracle;

import java.util.List;
import java.util.function.Consumer;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/**
 * A stretch is a maximal run of working intervals whose gaps are all shorter than the qualifying rest; its
 * working time (gaps excluded) above the limit is one violation, windowed stretch start..end, measured in seconds.
 * Stretches are not cut at midnight.
 */
public final class RestBreakOracle implements RuleOracle {
    @Override
    public Rule rule() {
        return Rule.REST_BREAK;
    }

    @Override
    public void check(Subject s, Consumer<ExpectedViolation> out) {
        if (!s.rules().restBreak()) {
            return;
        }
        long rest = s.rules().qualifyingRestMinutes() * 60_000L;
        long limit = s.rules().maxContinuousWorkMinutes() * 60_000L;
        List<Interval> working = s.working();
        int i = 0;
        while (i < working.size()) {
            long start = working.get(i).start();
            long end = working.get(i).end();
            long worked = working.get(i).length();
            int next = i + 1;
            while (next < working.size() && working.get(next).start() - end < rest) {
                end = working.get(next).end();
                worked += working.get(next).length();
                next++;
            }
            if (worked > limit) {
                out.accept(s.violation(rule(), start, end, worked / 1000, null));
            }
            i = next;
        }
    }
}
