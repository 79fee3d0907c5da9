package org.gigwatch.simulator.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.simulator.generate.PayoutSchedule.Shell;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.PayLine;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.truth.Injection;

/**
 * Pays one account by its schedule: record every order, then ask day by day for the payouts made that day. Both
 * the event stream and the oracle's model are built through it, so they hold the same payouts.
 */
public final class AccountPayouts {
    private static final PayoutLineType[] PAID = {PayoutLineType.BASE, PayoutLineType.INCENTIVE, PayoutLineType.TIP};
    /** The platform's service fee on base pay, percent, and the weekly occupational-injury premium, fen. */
    private static final long COMMISSION_PERCENT = 2;
    private static final long INSURANCE = 500;

    private final Account account;
    private final ZoneId zone;
    private final int maximumFinePercent;
    private final List<Shell> shells;
    private final List<Injection> injections;
    private final EarningsLedger ledger = new EarningsLedger();
    private final long[] paid = new long[3];
    private final Map<YearMonth, long[]> months = new HashMap<>(); // pay, fines by month of paidAt
    private int next;

    AccountPayouts(Account account, ZoneId zone, Integer maximumFinePercent, PayoutSchedule schedule) {
        this.account = account;
        this.zone = zone;
        this.maximumFinePercent = maximumFinePercent == null ? 0 : maximumFinePercent;
        this.shells = schedule.shells;
        this.injections = schedule.injections;
    }

    public Account account() {
        return account;
    }

    /** The payout cases injected into this account (and their near misses). */
    public List<Injection> injections() {
        return injections;
    }

    /** Counts a delivered order's earnings on the local day it was delivered. */
    public void record(Order order) {
        if (order.delivered()) {
            ledger.add(day(order.endedAt()), order.basePay(), order.incentivePay(), order.tip());
        }
    }

    /** The payouts made on this local day; every order delivered before it must have been recorded. */
    public List<Payout> paidOn(LocalDate day) {
        List<Payout> payouts = new ArrayList<>();
        while (next < shells.size() && !day(shells.get(next).paidAt()).isAfter(day)) {
            Shell shell = shells.get(next++);
            if (day(shell.paidAt()).equals(day)) {
                Payout payout = realize(shell);
                if (payout != null) {
                    payouts.add(payout);
                }
            }
        }
        return payouts;
    }

    private Payout realize(Shell shell) {
        long[] earned = ledger.cumulativeThrough(shell.periodEnd());
        ledger.fold(shell.periodEnd());
        List<PayLine> lines = new ArrayList<>();
        long pay = 0;
        for (int k = 0; k < 3; k++) {
            long amount = (earned[k] - paid[k]) * shell.paidPermille() / 1000;
            paid[k] += amount;
            pay += amount;
            if (amount > 0) {
                lines.add(new PayLine(PAID[k], amount, null));
            }
        }
        if (pay > 0) {
            long base = lines.get(0).type() == PayoutLineType.BASE ? lines.get(0).amount() : 0;
            lines.add(new PayLine(PayoutLineType.COMMISSION, base * COMMISSION_PERCENT / 100, "service fee"));
            lines.add(new PayLine(PayoutLineType.INSURANCE, INSURANCE, "occupational injury protection"));
        }
        long[] month = months.computeIfAbsent(YearMonth.from(day(shell.paidAt())), m -> new long[2]);
        month[0] += pay;
        long limit = month[0] * maximumFinePercent / 100; // the most the month's fines may reach (rounded down)
        long fines = switch (shell.fines()) {
            case NONE -> pay * shell.finePermille() / 1000;
            case EXACT -> limit - month[1];
            case EDGE -> limit + 1 - month[1];
            case OVER -> Math.max(month[0] * shell.finePermille() / 1000, limit + 1) - month[1];
        };
        if (fines > 0) {
            lines.add(new PayLine(PayoutLineType.FINE, fines, shell.fines() == PayoutSchedule.Fines.NONE
                    ? "late delivery" : "repeated complaints"));
            month[1] += fines;
        }
        if (shell.deposit() != null) {
            lines.add(new PayLine(shell.deposit(), shell.depositAmount(), "rider deposit"));
        }
        if (pay == 0 && fines <= 0 && shell.deposit() == null) {
            return null; // nothing earned, nothing charged: no payout
        }
        String id = account.workerId() + "-" + day(shell.paidAt()).toString().replace("-", "") + "-" + shell.seq();
        return new Payout(id, account, shell.paidAt(), shell.periodStart(), shell.periodEnd(), lines);
    }

    private LocalDate day(long instant) {
        return Instant.ofEpochMilli(instant).atZone(zone).toLocalDate();
    }
}
