package org.gigwatch.simulator.oracle;

import java.util.function.Consumer;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/** Every payout with a DEPOSIT or GUARANTEE line is one violation at its paidAt; measured = those lines' sum. */
public final class DepositOracle implements RuleOracle {
    @Override
    public Rule rule() {
        return Rule.DEPOSIT;
    }

    @Override
    public void check(Subject s, Consumer<ExpectedViolation> out) {
        if (!s.rules().deposit()) {
            return;
        }
        for (Payout p : s.payouts()) {
            if (p.has(PayoutLineType.DEPOSIT, PayoutLineType.GUARANTEE)) {
                out.accept(s.violation(rule(), p.paidAt(), p.paidAt(),
                        p.sum(PayoutLineType.DEPOSIT, PayoutLineType.GUARANTEE), null));
            }
        }
    }
}
