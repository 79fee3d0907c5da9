package org.gigwatch.simulator.generate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.avro.Scope;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.truth.Injection;
import org.gigwatch.simulator.truth.Rule;

/**
 * When an account is paid, decided before any amount is known: every Monday 10:00–16:00 local for the previous
 * Monday–Sunday (the first payout covers from the range's first day). Injections change the plan: payouts
 * frozen past the due date then caught up (WAGE_ARREARS), a DEPOSIT/GUARANTEE line, fines above the month's limit
 * (WITHHELD_PAY). Rate r: per account and payout for arrears (one case per account at most) and deposits, per
 * account and month for fines; near misses at r/4.
 */
final class PayoutSchedule {
    enum Fines { NONE, OVER, EDGE, EXACT }

    /**
     * One planned payout. It pays paidPermille of what is owed through periodEnd (everything earned and not yet
     * paid); deposit is an extra deduction line; fines decides the FINE line (baseline: finePermille of the pay).
     */
    record Shell(int seq, long paidAt, LocalDate periodStart, LocalDate periodEnd, int paidPermille,
                 PayoutLineType deposit, long depositAmount, Fines fines, int finePermille) {
        Shell with(int paidPermille, PayoutLineType deposit, long depositAmount, Fines fines, int finePermille) {
            return new Shell(seq, paidAt, periodStart, periodEnd, paidPermille, deposit, depositAmount, fines, finePermille);
        }
    }

    final List<Shell> shells;
    final List<Injection> injections;

    private PayoutSchedule(List<Shell> shells, List<Injection> injections) {
        this.shells = shells;
        this.injections = injections;
    }

    static PayoutSchedule plan(Profile p, Account account, int accountIndex, WorkerCalendar calendar, long seed,
                               double rate, SimRange range) {
        SplittableRandom rng = Seeds.rng(seed, Seeds.PAYOUTS, p.index(), accountIndex);
        List<Shell> shells = new ArrayList<>();
        for (LocalDate monday = range.first().with(TemporalAdjusters.next(DayOfWeek.MONDAY)); range.contains(monday);
                monday = monday.plusWeeks(1)) {
            long paidAt = SimRange.startOf(monday, p.zone()) + (10 * 3600 + rng.nextInt(6 * 3600)) * 1000L;
            LocalDate from = monday.minusWeeks(1).isBefore(range.first()) ? range.first() : monday.minusWeeks(1);
            int finePermille = Seeds.chance(rng, 0.1) ? Seeds.between(rng, 5, 30) : 0;
            shells.add(new Shell(shells.size(), paidAt, from, monday.minusDays(1), 1000, null, 0, Fines.NONE, finePermille));
        }
        List<Injection> injections = new ArrayList<>();
        CategoryRules rules = p.rules();
        if (rules.wageArrears() && rules.maximumPayDelayDays() != null) {
            shells = arrears(p, account, calendar, rng, rate, range, shells, injections);
        }
        long rangeEnd = range.end(p.zone());
        if (rules.deposit()) {
            for (int i = 0; i < shells.size(); i++) {
                Shell s = shells.get(i);
                PayoutLineType type = rng.nextBoolean() ? PayoutLineType.DEPOSIT : PayoutLineType.GUARANTEE;
                long amount = Seeds.between(rng, 100, 500) * 100L;
                if (Seeds.chance(rng, rate) && s.paidAt() < rangeEnd) {
                    shells.set(i, s.with(s.paidPermille(), type, amount, s.fines(), s.finePermille()));
                    injections.add(new Injection(Rule.DEPOSIT, Scope.PLATFORM, account.key(), account.platformId(),
                            s.paidAt(), s.paidAt() + 1, true, type.name().toLowerCase()));
                }
            }
        }
        if (rules.withheldPay() && rules.maximumFinePercent() != null) {
            Map<YearMonth, Integer> lastOfMonth = new LinkedHashMap<>();
            for (int i = 0; i < shells.size(); i++) {
                if (shells.get(i).paidAt() < rangeEnd) {
                    lastOfMonth.put(month(shells.get(i).paidAt(), p), i);
                }
            }
            for (Map.Entry<YearMonth, Integer> last : lastOfMonth.entrySet()) {
                YearMonth month = last.getKey();
                int i = last.getValue();
                double r = rng.nextDouble();
                boolean edge = Seeds.chance(rng, 0.25);
                if (!range.contains(month.atEndOfMonth()) || r >= rate * 1.25) {
                    continue;
                }
                Fines fines = r >= rate ? Fines.EXACT : edge ? Fines.EDGE : Fines.OVER;
                Shell s = shells.get(i);
                shells.set(i, s.with(s.paidPermille(), s.deposit(), s.depositAmount(), fines, Seeds.between(rng, 210, 400)));
                injections.add(new Injection(Rule.WITHHELD_PAY, Scope.PLATFORM, account.key(), account.platformId(),
                        SimRange.startOf(month.atDay(1), p.zone()), SimRange.startOf(month.plusMonths(1).atDay(1), p.zone()),
                        fines != Fines.EXACT, fines.name().toLowerCase()));
            }
        }
        return new PayoutSchedule(List.copyOf(shells), List.copyOf(injections));
    }

    /**
     * At most one case per account, on a week whose Monday the account worked: the payouts from that week's on are
     * frozen (or the first pays only 30–70%) until a catch-up payout some time after the due instant of the first
     * unpaid earnings, so exactly one episode of debt shows. The near miss catches up exactly at the due instant.
     */
    private static List<Shell> arrears(Profile p, Account account, WorkerCalendar calendar, SplittableRandom rng,
                                       double rate, SimRange range, List<Shell> shells, List<Injection> injections) {
        int delay = p.rules().maximumPayDelayDays();
        long rangeEnd = range.end(p.zone());
        long[] lateness = {1000L, 3_600_000L, 86_400_000L, 3 * 86_400_000L};
        for (Shell frozen : shells) {
            LocalDate week = frozen.periodStart();
            double r = rng.nextDouble();
            boolean partial = Seeds.chance(rng, 0.3);
            long late = lateness[rng.nextInt(lateness.length)];
            int paidPermille = Seeds.between(rng, 300, 700);
            if (week.getDayOfWeek() != DayOfWeek.MONDAY || r >= rate * 1.25
                    || !calendar.day(p, week).active().contains(account)) {
                continue;
            }
            boolean nearMiss = r >= rate;
            partial &= !nearMiss && due(frozen.periodEnd(), delay, p) < rangeEnd;
            long due = due(partial ? frozen.periodEnd() : week, delay, p);
            if (due >= rangeEnd) {
                continue;
            }
            long caughtUp = nearMiss ? due : due + late;
            List<Shell> planned = new ArrayList<>();
            LocalDate coveredThrough = frozen.periodEnd();
            for (Shell s : shells) {
                if (s.paidAt() < frozen.paidAt() || s.paidAt() >= caughtUp) {
                    planned.add(s);
                } else if (s == frozen && partial) {
                    planned.add(s.with(paidPermille, null, 0, Fines.NONE, s.finePermille()));
                } else if (s.periodEnd().isAfter(coveredThrough)) {
                    coveredThrough = s.periodEnd();
                }
            }
            planned.add(new Shell(shells.size(), caughtUp, week, coveredThrough, 1000, null, 0, Fines.NONE, 0));
            planned.sort((x, y) -> Long.compare(x.paidAt(), y.paidAt()));
            String variant = nearMiss ? "paid-at-due" : (partial ? "partly-paid-then-" : "frozen-then-") + "late-"
                    + (late >= 86_400_000L ? late / 86_400_000L + "d" : late >= 3_600_000L ? "1h" : "1s");
            injections.add(new Injection(Rule.WAGE_ARREARS, Scope.PLATFORM, account.key(), account.platformId(),
                    SimRange.startOf(week, p.zone()), caughtUp, !nearMiss, variant));
            return planned;
        }
        return shells;
    }

    /** Earnings of a local day are due by the end of the day maximumPayDelayDays later. */
    static long due(LocalDate day, int delay, Profile p) {
        return SimRange.startOf(day.plusDays(delay + 1L), p.zone());
    }

    private static YearMonth month(long instant, Profile p) {
        return YearMonth.from(Instant.ofEpochMilli(instant).atZone(p.zone()));
    }
}
