package org.gigwatch.streams.pay;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.CategoryRules;

/**
 * WITHHELD_PAY: fines deducted in a calendar month (local paidAt) above {@code maximumFinePercent} of that month's
 * pay (BASE + INCENTIVE + TIP lines): fines × 100 > percent × pay; exactly the percentage is allowed. Judged when
 * the month is over.
 */
public final class WithheldPayRule {
    public static final String ID = "WITHHELD_PAY";

    /** The violation of this month, or null. Threshold = the most the fines may be, ⌊percent × pay / 100⌋. */
    public static PayFinding judge(CategoryRules rules, long monthStart, long monthEnd, PayMonth month) {
        if (!rules.withheldPay() || rules.maximumFinePercent() == null) {
            return null;
        }
        long allowedTimes100 = Math.multiplyExact((long) rules.maximumFinePercent(), month.pay);
        if (Math.multiplyExact(month.fines, 100L) <= allowedTimes100) {
            return null;
        }
        long allowed = allowedTimes100 / 100;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("fines", Long.toString(month.fines));
        details.put("pay", Long.toString(month.pay));
        details.put("maximumFinePercent", Integer.toString(rules.maximumFinePercent()));
        return new PayFinding(ID, ViolationStatus.OPEN, monthStart, monthEnd, month.fines, allowed, PayFinding.MINOR_UNITS,
                month.fines - allowed, null, "", month.finedPayouts, details);
    }

    private WithheldPayRule() {}
}
