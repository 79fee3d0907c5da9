package org.gigwatch.simulator.model;

import java.time.LocalDate;
import java.util.List;
import org.gigwatch.avro.PayoutLineType;

/** Money paid to (or taken from) one account for the local days periodStart..periodEnd, at paidAt (epoch ms). */
public record Payout(String payoutId, Account account, long paidAt, LocalDate periodStart, LocalDate periodEnd,
                     List<PayLine> lines) {
    public Payout {
        lines = List.copyOf(lines);
    }

    /** The sum of the lines of the given types. */
    public long sum(PayoutLineType... types) {
        long sum = 0;
        for (PayLine line : lines) {
            for (PayoutLineType type : types) {
                if (line.type() == type) {
                    sum += line.amount();
                }
            }
        }
        return sum;
    }

    public boolean has(PayoutLineType... types) {
        for (PayLine line : lines) {
            for (PayoutLineType type : types) {
                if (line.type() == type) {
                    return true;
                }
            }
        }
        return false;
    }
}
