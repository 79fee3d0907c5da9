package org.gigwatch.simulator.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.Scope;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.generate.Plans.DayPlan;
import org.gigwatch.simulator.generate.Plans.Intent;
import org.gigwatch.simulator.generate.Plans.LongDay;
import org.gigwatch.simulator.generate.Plans.MonthPlan;
import org.gigwatch.simulator.generate.Plans.Pay;
import org.gigwatch.simulator.generate.Plans.PayKind;
import org.gigwatch.simulator.generate.Plans.Shape;
import org.gigwatch.simulator.generate.Plans.Special;
import org.gigwatch.simulator.generate.Plans.WeekPlan;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.truth.Injection;
import org.gigwatch.simulator.truth.Rule;

/**
 * Decides, as pure functions of (seed, worker, period), which days a worker works, how long, on which platforms,
 * how they are paid, and where violations (and near misses) are injected. The baseline it plans keeps clear of
 * every rule with margins (rule parameters come from the category); only injections cross them.
 *
 * <p>Injection rate r: per worker-day for REST_BREAK, DAILY_HOURS, MIN_WAGE and (on holidays) HOLIDAY_PAY; per
 * worker-week for NO_REST_DAY; per worker-month for MONTHLY_OVERTIME. Near misses come at r/4 each.
 */
final class WorkerCalendar {
    /** A holiday is taken off with this probability unless the week or month needs the work. */
    private static final double HOLIDAY_OFF = 0.4;
    private static final int MIN_DAY_SECONDS = 4 * 3600;
    /** The longest day planned for a category without a daily limit (INDEPENDENT). */
    private static final int UNLIMITED_DAY_SECONDS = 11 * 3600;
    /** Baseline days stay this far under a category's daily maximum. */
    private static final int DAILY_MARGIN_SECONDS = 2 * 3600;

    private final long seed;
    private final double rate;
    private final RulePack pack;
    private final SimRange range;

    WorkerCalendar(long seed, double rate, RulePack pack, SimRange range) {
        this.seed = seed;
        this.rate = rate;
        this.pack = pack;
        this.range = range;
    }

    WeekPlan week(Profile p, LocalDate monday) {
        SplittableRandom rng = Seeds.rng(seed, Seeds.WEEK, p.index(), monday.toEpochDay());
        CategoryRules rules = p.rules();
        List<Account> accounts = p.worker().accounts();
        int restDays = rules.weeklyRestDay() ? (Seeds.chance(rng, 0.7) ? 1 : 2) : pickRestDaysFreely(rng);
        boolean overtimeWeek = month(p, YearMonth.from(monday)).overtime()
                || month(p, YearMonth.from(monday.plusDays(6))).overtime();
        if (overtimeWeek) {
            restDays = Math.min(restDays, 1);
        }
        List<Integer> days = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6));
        shuffle(days, rng);
        List<List<Account>> active = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            active.add(days.indexOf(d) < restDays ? List.of() : accounts);
        }
        List<Injection> injections = new ArrayList<>();
        boolean forced = rules.weeklyRestDay() && range.containsWeek(monday) && Seeds.chance(rng, rate);
        if (forced) {
            long from = SimRange.startOf(monday, p.zone());
            long to = SimRange.startOf(monday.plusWeeks(1), p.zone());
            Collections.fill(active, accounts);
            if (accounts.size() > 1 && Seeds.chance(rng, 0.5)) {
                // each platform has its day off, on different days: only the person works all week
                int offA = days.get(0);
                int offB = days.get(1);
                active.set(offA, List.of(accounts.get(1)));
                active.set(offB, List.of(accounts.get(0)));
                injections.add(new Injection(Rule.NO_REST_DAY, Scope.CROSS_PLATFORM, p.worker().workerKey(), null,
                        from, to, true, "platforms-alternate"));
            } else {
                Account target = accounts.get(rng.nextInt(accounts.size()));
                if (accounts.size() > 1) { // the other platform keeps its day off
                    active.set(days.get(0), List.of(target));
                    injections.add(new Injection(Rule.NO_REST_DAY, Scope.CROSS_PLATFORM, p.worker().workerKey(), null,
                            from, to, true, "with-" + target.platformId()));
                }
                injections.add(new Injection(Rule.NO_REST_DAY, Scope.PLATFORM, target.key(), target.platformId(),
                        from, to, true, "seven-days"));
            }
        }
        return new WeekPlan(monday, active, forced, injections);
    }

    MonthPlan month(Profile p, YearMonth month) {
        SplittableRandom rng = Seeds.rng(seed, Seeds.MONTH, p.index(), month.getYear() * 12L + month.getMonthValue());
        CategoryRules rules = p.rules();
        List<Account> accounts = p.worker().accounts();
        boolean dual = accounts.size() > 1;
        List<Injection> injections = new ArrayList<>();
        boolean overtime = overtimeWorkSeconds(rules) > 0 && range.containsMonth(month) && Seeds.chance(rng, rate);
        Account overtimeTarget = null;
        if (overtime) {
            long from = SimRange.startOf(month.atDay(1), p.zone());
            long to = SimRange.startOf(month.plusMonths(1).atDay(1), p.zone());
            if (!dual || Seeds.chance(rng, 0.5)) {
                overtimeTarget = accounts.get(rng.nextInt(accounts.size()));
                injections.add(new Injection(Rule.MONTHLY_OVERTIME, Scope.PLATFORM, overtimeTarget.key(),
                        overtimeTarget.platformId(), from, to, true, "long-days"));
            }
            if (dual) {
                injections.add(new Injection(Rule.MONTHLY_OVERTIME, Scope.CROSS_PLATFORM, p.worker().workerKey(), null,
                        from, to, true, overtimeTarget == null ? "platforms-alternate" : "with-" + overtimeTarget.platformId()));
            }
        }
        Map<LocalDate, LongDay> longDays = new LinkedHashMap<>();
        if (rules.dailyMaximumMinutes() != null) {
            int maximum = rules.dailyMaximumMinutes() * 60;
            // long days must not add up to a MONTHLY_OVERTIME nobody injected: keep them within 3/4 of the limit
            long budget = rules.monthlyOvertimeMaximumMinutes() == null || rules.dailyStandardMinutes() == null
                    ? Long.MAX_VALUE : rules.monthlyOvertimeMaximumMinutes() * 60L * 3 / 4;
            long spent = 0;
            for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                double r = rng.nextDouble();
                int over = Seeds.between(rng, 10 * 60, 80 * 60);
                boolean cross = dual && Seeds.chance(rng, 0.5);
                Account target = accounts.get(rng.nextInt(accounts.size()));
                if (!range.contains(day) || r >= rate * 1.25) {
                    continue;
                }
                boolean violation = r < rate;
                int work = violation ? maximum + over : maximum;
                long overtimeSeconds = rules.dailyStandardMinutes() == null ? 0 : work - rules.dailyStandardMinutes() * 60L;
                if (spent + overtimeSeconds > budget) {
                    continue;
                }
                spent += overtimeSeconds;
                if (overtime) { // the month's own case decides the scope of its long days
                    cross = overtimeTarget == null;
                    target = overtimeTarget;
                }
                longDays.put(day, new LongDay(work, cross ? null : target, violation));
            }
        }
        return new MonthPlan(month, overtime, overtimeTarget, longDays, injections);
    }

    DayPlan day(Profile p, LocalDate date) {
        WeekPlan week = week(p, date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        MonthPlan month = month(p, YearMonth.from(date));
        boolean holiday = pack.isHoliday(date);
        List<Account> active = week.activeOn(date);
        SplittableRandom rng = Seeds.rng(seed, Seeds.DAY, p.index(), date.toEpochDay());
        if (active.isEmpty() || holiday && !week.forced() && !month.overtime() && Seeds.chance(rng, HOLIDAY_OFF)) {
            return DayPlan.off(date, holiday);
        }
        CategoryRules rules = p.rules();
        boolean dual = active.size() > 1;
        List<Intent> intents = new ArrayList<>();
        int work = month.overtime() ? overtimeWorkSeconds(rules) + Seeds.between(rng, 0, 50 * 60)
                : Seeds.between(rng, MIN_DAY_SECONDS, baselineMaximumSeconds(rules));
        Account fullCoverage = month.overtimeTarget() != null && active.contains(month.overtimeTarget())
                ? month.overtimeTarget() : null;
        boolean split = month.overtimeCross() && dual;
        Special special = null;

        LongDay longDay = month.longDays().get(date);
        if (longDay != null && (longDay.target() == null ? dual : active.contains(longDay.target()))) {
            work = longDay.workSeconds();
            String variant = longDay.violation() ? "over-limit" : "at-limit";
            if (longDay.target() == null) {
                split = true;
                intents.add(new Intent(Rule.DAILY_HOURS, Scope.CROSS_PLATFORM, null, longDay.violation(), variant));
            } else {
                fullCoverage = longDay.target();
                split = false;
                addWithCross(intents, Rule.DAILY_HOURS, longDay.target(), p.worker().multiPlatform(), longDay.violation(),
                        variant);
            }
        } else if (rules.restBreak()) {
            special = restBreakCase(p, rng, active, month, intents);
            if (special != null) {
                work = Math.max(work, special.seconds() + 3600);
            }
        }
        return new DayPlan(date, holiday, active, work, special, fullCoverage, split, pay(p, date, holiday, active, rng, intents),
                intents);
    }

    /** The injections decided per week and per month whose period touches the range. */
    List<Injection> periodInjections(Profile p) {
        List<Injection> injections = new ArrayList<>();
        LocalDate monday = range.first().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (; !monday.isAfter(range.last()); monday = monday.plusWeeks(1)) {
            injections.addAll(week(p, monday).injections());
        }
        for (YearMonth m = YearMonth.from(range.first()); !m.atDay(1).isAfter(range.last()); m = m.plusMonths(1)) {
            injections.addAll(month(p, m).injections());
        }
        return injections;
    }

    private Special restBreakCase(Profile p, SplittableRandom rng, List<Account> active, MonthPlan month,
                                  List<Intent> intents) {
        CategoryRules rules = p.rules();
        double r = rng.nextDouble();
        if (r >= rate * 1.25) {
            return null;
        }
        boolean violation = r < rate;
        boolean dual = active.size() > 1;
        boolean cross = month.overtime() ? month.overtimeCross() : dual && Seeds.chance(rng, 0.5);
        Account target = month.overtime() && !cross ? month.overtimeTarget() : active.get(rng.nextInt(active.size()));
        if (cross && !dual || !active.contains(target)) {
            return null;
        }
        int limit = rules.maxContinuousWorkMinutes() * 60;
        Special special;
        if (violation) {
            int kind = rng.nextInt(10);
            if (kind < 6) {
                special = new Special(Shape.LONG, Seeds.between(rng, limit + 5 * 60, limit + 90 * 60), target, "long");
            } else if (kind < 8) {
                int seconds = Seeds.between(rng, 1, 30);
                special = new Special(Shape.EDGE, limit + seconds, target, "edge+" + seconds + "s");
            } else {
                special = new Special(Shape.GAP, Seeds.between(rng, limit + 10 * 60, limit + 60 * 60), target,
                        "gap-" + (rules.qualifyingRestMinutes() - 1) + ":59");
            }
        } else if (Seeds.chance(rng, 0.5)) {
            special = new Special(Shape.EXACT, limit, target, "exactly-" + rules.maxContinuousWorkMinutes() + "min");
        } else {
            // two stretches that together exceed the limit, separated by a rest of exactly the qualifying length
            special = new Special(Shape.REST, Seeds.between(rng, limit + 20 * 60, limit + 100 * 60), target,
                    "rest-exactly-" + rules.qualifyingRestMinutes() + ":00");
        }
        if (cross) {
            special = new Special(special.shape(), special.seconds(), null, special.variant());
            intents.add(new Intent(Rule.REST_BREAK, Scope.CROSS_PLATFORM, null, violation, special.variant()));
        } else {
            addWithCross(intents, Rule.REST_BREAK, target, p.worker().multiPlatform(), violation, special.variant());
        }
        return special;
    }

    /**
     * A platform-scoped case of a person registered on two platforms is also one across platforms (the person's
     * working time includes the platform's), even on a day only one of their apps is open.
     */
    private static void addWithCross(List<Intent> intents, Rule rule, Account target, boolean multiPlatform,
                                     boolean violation, String variant) {
        intents.add(new Intent(rule, Scope.PLATFORM, target, violation, variant));
        if (multiPlatform) {
            intents.add(new Intent(rule, Scope.CROSS_PLATFORM, null, violation, variant));
        }
    }

    private Map<Account, Pay> pay(Profile p, LocalDate date, boolean holiday, List<Account> active, SplittableRandom rng,
                                  List<Intent> intents) {
        CategoryRules rules = p.rules();
        Map<Account, Pay> pay = new HashMap<>();
        Optional<MinimumWage> floor = pack.minimumWageOn(p.worker().region(), date);
        double r = rng.nextDouble();
        Account target = active.get(rng.nextInt(active.size()));
        for (Account account : active) {
            pay.put(account, new Pay(PayKind.RATE, Seeds.between(rng, 960, 1040)));
        }
        if (holiday) {
            int multiplier = rules.holidayPay() ? rules.holidayPayMultiplierPercent() : 100;
            for (Account account : active) { // a premium clear of the multiplier: 120..140% of it
                pay.put(account, new Pay(PayKind.RATE, Seeds.between(rng, 12 * multiplier, 14 * multiplier)));
            }
            if (rules.holidayPay() && r < rate && holidayPayJudgeable(p, date, target)) {
                // under the multiplier times the normal rate, yet above the minimum wage
                int highest = 8 * multiplier;
                int lowest = floor.map(w -> (int) ((1080 * w.getHourly() + p.hourlyRate() - 1) / p.hourlyRate())).orElse(500);
                if (lowest <= highest) {
                    pay.put(target, new Pay(PayKind.RATE, Seeds.between(rng, lowest, highest)));
                    intents.add(new Intent(Rule.HOLIDAY_PAY, Scope.PLATFORM, target, true, "below-multiplier"));
                }
            }
        } else if (rules.minimumWage() && floor.isPresent() && r < rate * 1.25) {
            if (r < rate) {
                pay.put(target, new Pay(PayKind.FLOOR, Seeds.between(rng, 500, 950)));
                intents.add(new Intent(Rule.MIN_WAGE, Scope.PLATFORM, target, true, "below-floor"));
            } else {
                pay.put(target, new Pay(PayKind.EXACT_FLOOR, 1000));
                intents.add(new Intent(Rule.MIN_WAGE, Scope.PLATFORM, target, false, "exactly-floor"));
            }
        }
        return pay;
    }

    /**
     * Whether an underpaid holiday would be judged and found for sure: the account worked on a reference day
     * (so the normal rate is known) and no reference day was itself underpaid (which would lower it).
     */
    private boolean holidayPayJudgeable(Profile p, LocalDate holiday, Account account) {
        boolean worked = false;
        LocalDate day = holiday;
        for (int counted = 0; counted < p.rules().holidayReferenceDays(); ) {
            day = day.minusDays(1);
            if (pack.isHoliday(day)) {
                continue;
            }
            counted++;
            if (!range.contains(day)) {
                continue;
            }
            DayPlan plan = day(p, day);
            Pay pay = plan.pay().get(account);
            if (pay != null && pay.kind() != PayKind.RATE) {
                return false;
            }
            worked |= plan.active().contains(account);
        }
        return worked;
    }

    /** The longest baseline day: the daily standard where overtime is counted, else well under the maximum. */
    private static int baselineMaximumSeconds(CategoryRules rules) {
        if (rules.monthlyOvertimeMaximumMinutes() != null && rules.dailyStandardMinutes() != null) {
            return Math.max(MIN_DAY_SECONDS, rules.dailyStandardMinutes() * 60);
        }
        if (rules.dailyMaximumMinutes() != null) {
            return Math.max(MIN_DAY_SECONDS, rules.dailyMaximumMinutes() * 60 - DAILY_MARGIN_SECONDS);
        }
        return UNLIMITED_DAY_SECONDS;
    }

    /**
     * A day of an overtime month: over the standard by enough that 18 such days exceed the monthly maximum, still
     * 10 minutes under the daily maximum (+ up to 50 minutes of jitter). 0 where no such day exists.
     */
    private static int overtimeWorkSeconds(CategoryRules rules) {
        if (rules.monthlyOvertimeMaximumMinutes() == null || rules.dailyStandardMinutes() == null) {
            return 0;
        }
        int work = (rules.dailyStandardMinutes() + rules.monthlyOvertimeMaximumMinutes() / 18) * 60;
        int ceiling = rules.dailyMaximumMinutes() == null ? Integer.MAX_VALUE : (rules.dailyMaximumMinutes() - 60) * 60;
        return work <= ceiling ? work : 0;
    }

    private static int pickRestDaysFreely(SplittableRandom rng) {
        int r = rng.nextInt(100);
        return r < 25 ? 0 : r < 70 ? 1 : 2;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rng.nextInt(i + 1));
        }
    }
}
