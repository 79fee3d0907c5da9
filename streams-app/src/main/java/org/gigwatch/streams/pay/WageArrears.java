package org.gigwatch.streams.pay;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.ViolationStatus;

/**
 * WAGE_ARREARS for one account (state: public fields for the JSON state serde). The earnings of local day d
 * (base + incentive + tip of the orders delivered that day) are due at the start of day d + delay + 1. At each due
 * instant, debt = earnings through d − what was paid (BASE + INCENTIVE + TIP lines) at or before that instant:
 * money is fungible, the oldest debt is settled first. An episode is a maximal run of consecutive days whose check
 * shows debt; it is one violation, windowed from the start of its first day to that day's due instant: OPEN at its
 * first check, UPDATED when the debt grows, RESOLVED by the first check that shows none.
 *
 * <p>Days are checked in order, each once the clock has passed its due instant (then every payout at or before it
 * has been applied). Payouts after the last checked instant are kept apart until a check reaches them. Checking
 * stops while nothing is owed and starts again at the next day with earnings.
 */
public final class WageArrears {
    public static final String ID = "WAGE_ARREARS";

    /** The next day to check (ISO date); null while nothing is owed. */
    public String nextCheck;
    /** The latest day with earnings (ISO date). */
    public String lastEarningDay;
    /** Earnings through the last checked day. */
    public long earnedChecked;
    /** The last checked due instant: a later day is never checked before it, even where its delay is shorter. */
    public Long checkedDue;
    /** Paid at or before the last checked due instant. */
    public long paidChecked;
    /** Payouts after the last checked due instant: [paidAt, amount]. */
    public List<long[]> paidLater = new ArrayList<>();
    /** The open episode: its first day's start and due instant, and the largest debt so far; null if none. */
    public Long episodeStart;
    public Long episodeDue;
    public long episodeDebt;

    /** A day with earnings: checks start there if they had stopped. */
    public void earned(LocalDate day) {
        if (nextCheck == null) {
            nextCheck = day.toString();
        }
        if (lastEarningDay == null || day.isAfter(LocalDate.parse(lastEarningDay))) {
            lastEarningDay = day.toString();
        }
    }

    /** A payout's BASE + INCENTIVE + TIP at {@code paidAt} (never before the last checked instant: it would be late). */
    public void paid(long paidAt, long amount) {
        if (amount > 0) {
            paidLater.add(new long[] {paidAt, amount});
        }
    }

    @JsonIgnore
    public LocalDate nextCheckDay() {
        return nextCheck == null ? null : LocalDate.parse(nextCheck);
    }

    /**
     * Checks {@link #nextCheckDay()} at its due instant {@code due}: {@code earnings} is what that day earned,
     * {@code dayStart} its start. Returns the episode's alert if it opened, grew or ended, else null.
     */
    public PayFinding check(long dayStart, long due, long earnings) {
        LocalDate day = nextCheckDay();
        checkedDue = due;
        earnedChecked = Math.addExact(earnedChecked, earnings);
        List<long[]> later = new ArrayList<>();
        for (long[] payout : paidLater) {
            if (payout[0] <= due) {
                paidChecked = Math.addExact(paidChecked, payout[1]);
            } else {
                later.add(payout);
            }
        }
        paidLater = later;
        long debt = earnedChecked - paidChecked;
        PayFinding finding = null;
        if (debt > 0) {
            if (episodeStart == null) {
                episodeStart = dayStart;
                episodeDue = due;
                episodeDebt = debt;
                finding = finding(ViolationStatus.OPEN, debt, due);
            } else if (debt > episodeDebt) {
                episodeDebt = debt;
                finding = finding(ViolationStatus.UPDATED, debt, due);
            }
        } else if (episodeStart != null) {
            finding = finding(ViolationStatus.RESOLVED, 0, due);
            episodeStart = null;
            episodeDue = null;
            episodeDebt = 0;
        }
        boolean settled = debt <= 0 && !LocalDate.parse(lastEarningDay).isAfter(day);
        nextCheck = settled ? null : day.plusDays(1).toString();
        return finding;
    }

    /** Measured: the episode's largest debt; shortfall: what is owed at this check. */
    private PayFinding finding(ViolationStatus status, long owedNow, long checkedAt) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("earnedThroughCheckedDay", Long.toString(earnedChecked));
        details.put("paidByCheck", Long.toString(paidChecked));
        details.put("checkedAt", java.time.Instant.ofEpochMilli(checkedAt).toString());
        return new PayFinding(ID, status, episodeStart, episodeDue, episodeDebt, 0, PayFinding.MINOR_UNITS, owedNow, null,
                "", List.of(), details);
    }
}
