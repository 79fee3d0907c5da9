package org.gigwatch.simulator.oracle;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/**
 * Per calendar month of paidAt (local): FINE lines above maximumFinePercent of the BASE + INCENTIVE + TIP lines,
 * i.e. fines × 100 > percent × pay (exactly the percentage is allowed). Judged for months whose last day is
 * simulated (only then is the month's pay known). Measured = the month's fines.
 */
public final class WithheldPayOracle implements RuleOracle {
    @Override
    public Rule rule() {
        return Rule.WITHHELD_PAY;
    }

    @Override
    public void check(Subject s, Consumer<ExpectedViolation> out) {
        if (!s.rules().withheldPay() || s.rules().maximumFinePercent() == null) {
            return;
        }
        Map<YearMonth, long[]> months = new TreeMap<>(); // fines, pay
        for (Payout p : s.payouts()) {
            YearMonth month = YearMonth.from(Instant.ofEpochMilli(p.paidAt()).atZone(s.zone()));
            long[] sums = months.computeIfAbsent(month, m -> new long[2]);
            sums[0] += p.sum(PayoutLineType.FINE);
            sums[1] += p.sum(PayoutLineType.BASE, PayoutLineType.INCENTIVE, PayoutLineType.TIP);
        }
        months.forEach((month, sums) -> {
            if (s.range().contains(month.atEndOfMonth())
                    && Math.multiplyExact(sums[0], 100L) > Math.multiplyExact(s.rules().maximumFinePercent(), sums[1])) {
                out.accept(s.violation(rule(), s.dayStart(month.atDay(1)), s.dayStart(month.plusMonths(1).atDay(1)),
                        sums[0], null));
            }
        });
    }
}
