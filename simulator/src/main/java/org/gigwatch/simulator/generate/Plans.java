package org.gigwatch.simulator.generate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.Scope;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.truth.Injection;
import org.gigwatch.simulator.truth.Rule;

/** The decisions the calendar takes before a day is generated, per ISO week, per month and per day. */
final class Plans {
    /** Per ISO week: the accounts working each day (Monday first); forced = a NO_REST_DAY week (no day off). */
    record WeekPlan(LocalDate monday, List<List<Account>> active, boolean forced, List<Injection> injections) {
        List<Account> activeOn(LocalDate day) {
            return active.get(day.getDayOfWeek().getValue() - 1);
        }
    }

    /**
     * Per month: a MONTHLY_OVERTIME injection (target account, or cross-platform when {@code overtimeCross}), and
     * the days made long (DAILY_HOURS injections and near misses).
     */
    record MonthPlan(YearMonth month, boolean overtime, Account overtimeTarget, Map<LocalDate, LongDay> longDays,
                     List<Injection> injections) {
        boolean overtimeCross() {
            return overtime && overtimeTarget == null;
        }
    }

    /** A day longer than usual: work seconds; target account, or null for a cross-platform-only case. */
    record LongDay(int workSeconds, Account target, boolean violation) {}

    /** The shape of the stretch a REST_BREAK case is built around. */
    enum Shape { LONG, EDGE, GAP, EXACT, REST }

    /** The REST_BREAK case of a day: its shape and working seconds; target null = handed over between platforms. */
    record Special(Shape shape, int seconds, Account target, String variant) {}

    enum PayKind {
        /** permille of the worker's hourly rate: a normal day, a holiday premium, or a holiday underpaid. */
        RATE,
        /** permille of the hourly minimum in force: an underpaid day. */
        FLOOR,
        /** exactly the minimum due, a near miss. */
        EXACT_FLOOR
    }

    record Pay(PayKind kind, int permille) {}

    /** A label the generator resolves once it knows the instants: rule, scope, account (null cross-platform). */
    record Intent(Rule rule, Scope scope, Account account, boolean violation, String variant) {}

    /**
     * Everything decided about one worker-day before it is generated.
     *
     * @param active       accounts online this day; empty = a day off
     * @param workSeconds  the person's working time (union over platforms) to lay out
     * @param fullCoverage the account online for every stretch (platform-scoped injections), or null
     * @param split        platforms take turns stretch by stretch (cross-platform-only injections)
     * @param pay          how each active account is paid
     */
    record DayPlan(LocalDate date, boolean holiday, List<Account> active, int workSeconds, Special special,
                   Account fullCoverage, boolean split, Map<Account, Pay> pay, List<Intent> intents) {
        static DayPlan off(LocalDate date, boolean holiday) {
            return new DayPlan(date, holiday, List.of(), 0, null, null, false, Map.of(), List.of());
        }

        boolean works() {
            return !active.isEmpty();
        }
    }

    private Plans() {}
}
