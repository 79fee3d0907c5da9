package org.gigwatch.simulator.oracle;

import java.time.LocalDate;
import java.util.function.Consumer;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/**
 * Earnings of local day d (base + incentive + tip of the orders delivered that day) are due by the end of day
 * d + maximumPayDelayDays. At each due instant inside the range, debt = earnings through d − BASE + INCENTIVE + TIP
 * paid at or before that instant (money is fungible: the oldest debt is settled first). A maximal run of
 * consecutive days whose check shows debt is one episode = one violation, windowed from the start of its first
 * day to that day's due instant; measured = the largest debt of the episode.
 */
public final class WageArrearsOracle implements RuleOracle {
    @Override
    public Rule rule() {
        return Rule.WAGE_ARREARS;
    }

    @Override
    public void check(Subject s, Consumer<ExpectedViolation> out) {
        if (!s.rules().wageArrears() || s.rules().maximumPayDelayDays() == null) {
            return;
        }
        int delay = s.rules().maximumPayDelayDays();
        long rangeEnd = s.range().end(s.zone());
        long earned = 0;
        long episodeStart = -1;
        long episodeDue = -1;
        long episodeDebt = 0;
        for (LocalDate day = s.range().first(); ; day = day.plusDays(1)) {
            long due = s.dayStart(day.plusDays(delay + 1L));
            if (due >= rangeEnd) {
                break;
            }
            earned += s.earningsOn(day);
            long debt = earned - paidBy(s, due);
            if (debt > 0) {
                if (episodeStart < 0) {
                    episodeStart = s.dayStart(day);
                    episodeDue = due;
                }
                episodeDebt = Math.max(episodeDebt, debt);
            } else if (episodeStart >= 0) {
                out.accept(s.violation(rule(), episodeStart, episodeDue, episodeDebt, null));
                episodeStart = -1;
                episodeDebt = 0;
            }
        }
        if (episodeStart >= 0) {
            out.accept(s.violation(rule(), episodeStart, episodeDue, episodeDebt, null));
        }
    }

    private static long paidBy(Subject s, long instant) {
        long paid = 0;
        for (Payout p : s.payouts()) {
            if (p.paidAt() <= instant) {
                paid += p.sum(PayoutLineType.BASE, PayoutLineType.INCENTIVE, PayoutLineType.TIP);
            }
        }
        return paid;
    }
}
