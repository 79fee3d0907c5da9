package org.gigwatch.streams.pay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.PayoutLine;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.CategoryRules;

/** DEPOSIT: a payout with one or more DEPOSIT or GUARANTEE lines is a violation at once, at its paidAt. */
public final class DepositRule {
    public static final String ID = "DEPOSIT";

    /** The violation in this payout, or null. Measured and owed back: the sum of those lines. */
    public static PayFinding judge(CategoryRules rules, PayoutEvent payout) {
        if (!rules.deposit()) {
            return null;
        }
        long taken = 0;
        List<String> lines = new ArrayList<>();
        for (PayoutLine line : payout.getLines()) {
            if (line.getType() == PayoutLineType.DEPOSIT || line.getType() == PayoutLineType.GUARANTEE) {
                taken = Math.addExact(taken, line.getAmount());
                lines.add(line.getType() + "=" + line.getAmount() + (line.getReference() == null ? "" : " (" + line.getReference() + ")"));
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        long paidAt = payout.getPaidAt().toEpochMilli();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("payoutId", payout.getPayoutId());
        details.put("lines", String.join(",", lines));
        details.put("period", payout.getPeriodStart() + "/" + payout.getPeriodEnd());
        return new PayFinding(ID, ViolationStatus.OPEN, paidAt, paidAt, taken, 0, PayFinding.MINOR_UNITS, taken,
                payout.getCurrency(), "", List.of(payout.getEventId()), details);
    }

    private DepositRule() {}
}
