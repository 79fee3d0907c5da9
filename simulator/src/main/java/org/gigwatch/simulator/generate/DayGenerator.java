package org.gigwatch.simulator.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gigwatch.avro.Industry;
import org.gigwatch.avro.Scope;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.generate.OrderFiller.Slot;
import org.gigwatch.simulator.generate.Plans.DayPlan;
import org.gigwatch.simulator.generate.Plans.Intent;
import org.gigwatch.simulator.generate.Plans.Pay;
import org.gigwatch.simulator.generate.Timeline.GapStyle;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.PlatformDay;
import org.gigwatch.simulator.model.Session;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.WorkerDay;
import org.gigwatch.simulator.oracle.WorkingTime;
import org.gigwatch.simulator.truth.Injection;

/**
 * Turns a day plan into what happened: the person's timeline, shared out between their apps, as sessions and
 * orders, with each app's pay for the day calibrated to its working time (rate × working ms, in integer fen,
 * spread over the delivered orders by duration). Also resolves the plan's injection labels into instants.
 */
final class DayGenerator {
    /** Shifts end by 23:45 local; a night driver's by 04:00 the next morning. */
    private static final long DAY_END = (23 * 3600 + 45 * 60) * 1000L;
    private static final long NIGHT_END = 28 * 3600 * 1000L;

    private final long seed;
    private final double rate;
    private final RulePack pack;
    private final SimRange range;

    DayGenerator(long seed, double rate, RulePack pack, SimRange range) {
        this.seed = seed;
        this.rate = rate;
        this.pack = pack;
        this.range = range;
    }

    WorkerDay generate(Profile p, DayPlan plan) {
        if (!plan.works()) {
            return new WorkerDay(p.worker(), plan.date(), List.of(), List.of());
        }
        LocalDate date = plan.date();
        long dayStart = SimRange.startOf(date, p.zone());
        boolean night = p.shift() == ShiftPreference.NIGHT && date.isBefore(range.last());
        Timeline timeline = Timeline.build(plan, p.shift(), p.rules().qualifyingRestMinutes() * 60, dayStart,
                dayStart + (night ? NIGHT_END : DAY_END), Seeds.rng(seed, Seeds.TIMELINE, p.index(), date.toEpochDay()));
        Map<Account, List<Interval>> covered = Coverage.assign(timeline, plan,
                Seeds.rng(seed, Seeds.COVERAGE, p.index(), date.toEpochDay()));
        checkUnion(timeline, covered, plan);

        String day = date.toString().replace("-", "");
        List<PlatformDay> platforms = new ArrayList<>();
        SplittableRandom rng = Seeds.rng(seed, Seeds.ORDERS, p.index(), date.toEpochDay());
        for (Map.Entry<Account, List<Interval>> entry : covered.entrySet()) {
            Account account = entry.getKey();
            List<Interval> pieces = entry.getValue();
            List<Slot> slots = OrderFiller.fill(pieces, p.worker().industry(), covered.size() > 1, dayStart, rng);
            long target = payFor(p, date, plan.pay().get(account), workedMs(pieces));
            platforms.add(new PlatformDay(account, sessions(pieces, timeline),
                    orders(slots, target, p.worker().industry(), account.workerId() + "-" + day + "-", rng), List.of()));
        }
        List<Injection> injections = injections(p, plan, timeline, platforms, dayStart);
        IncidentPlacer.Placed placed = IncidentPlacer.place(p, platforms, covered, rate,
                Seeds.rng(seed, Seeds.INCIDENTS, p.index(), date.toEpochDay()));
        injections.addAll(placed.injections());
        return new WorkerDay(p.worker(), date, placed.platforms(), injections);
    }

    /** The day's pay in fen for this much working time, by the plan's pay mode. */
    private long payFor(Profile p, LocalDate date, Pay pay, long ms) {
        return switch (pay.kind()) {
            case RATE -> p.hourlyRate() * pay.permille() * ms / 3_600_000_000L;
            case FLOOR -> floor(p, date) * pay.permille() * ms / 3_600_000_000L;
            case EXACT_FLOOR -> floor(p, date) * ms / 3_600_000L;
        };
    }

    private long floor(Profile p, LocalDate date) {
        return pack.minimumWageOn(p.worker().region(), date).orElseThrow().getHourly();
    }

    /** Consecutive pieces stay in one session across a declared break of the person; any other gap is a logout. */
    private static List<Session> sessions(List<Interval> pieces, Timeline timeline) {
        List<Session> sessions = new ArrayList<>();
        int first = 0;
        List<Interval> breaks = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i + 1 == pieces.size();
            if (!last && timeline.styleOfGap(pieces.get(i).end(), pieces.get(i + 1).start()) == GapStyle.BREAK) {
                breaks.add(new Interval(pieces.get(i).end(), pieces.get(i + 1).start()));
                continue;
            }
            sessions.add(new Session(pieces.get(first).start(), pieces.get(i).end(), breaks));
            breaks = new ArrayList<>();
            first = i + 1;
        }
        return sessions;
    }

    /** Pays the delivered orders {@code target} fen in total, shared by duration; tips come on top. */
    private static List<Order> orders(List<Slot> slots, long target, Industry industry, String idPrefix,
                                      SplittableRandom rng) {
        long weights = 0;
        int lastDelivered = -1;
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).delivered()) {
                weights += (slots.get(i).ended() - slots.get(i).accepted()) / 1000;
                lastDelivered = i;
            }
        }
        if (target > 0 && lastDelivered < 0) {
            throw new IllegalStateException("a working day without a delivered order cannot carry its pay");
        }
        double tipped = industry == Industry.COURIER ? 0.05 : 0.12;
        List<Order> orders = new ArrayList<>(slots.size());
        long shared = 0;
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            String id = idPrefix + (i < 10 ? "00" : i < 100 ? "0" : "") + i;
            if (!s.delivered()) {
                orders.add(new Order(id, s.offered(), s.accepted(), s.pickedUp(), s.ended(), false, 0, 0, 0, s.distance()));
                continue;
            }
            long share = i == lastDelivered ? target - shared : target * ((s.ended() - s.accepted()) / 1000) / weights;
            shared += share;
            long base = share * Seeds.between(rng, 820, 920) / 1000;
            long tip = Seeds.chance(rng, tipped) ? Seeds.between(rng, 2, 10) * 100L : 0;
            orders.add(new Order(id, s.offered(), s.accepted(), s.pickedUp(), s.ended(), true, base, share - base, tip,
                    s.distance()));
        }
        return orders;
    }

    /** The labels of the plan's cases, with their instants; pay cases the rules would not judge are dropped. */
    private List<Injection> injections(Profile p, DayPlan plan, Timeline timeline, List<PlatformDay> platforms,
                                       long dayStart) {
        List<Injection> injections = new ArrayList<>();
        long nextDay = SimRange.startOf(plan.date().plusDays(1), p.zone());
        long judged = p.rules().minimumJudgedMinutes() * 60_000L;
        for (Intent intent : plan.intents()) {
            long from = dayStart;
            long to = nextDay;
            switch (intent.rule()) {
                case REST_BREAK -> {
                    from = timeline.stretchStart(timeline.specialStretch);
                    to = from + 1;
                }
                case MIN_WAGE, HOLIDAY_PAY -> {
                    long worked = platforms.stream().filter(d -> d.account().equals(intent.account()))
                            .mapToLong(d -> WorkingTime.of(d.sessions()).stream().mapToLong(Interval::length).sum())
                            .sum();
                    if (worked < judged) {
                        continue;
                    }
                }
                default -> { }
            }
            boolean platform = intent.scope() == Scope.PLATFORM;
            injections.add(new Injection(intent.rule(), intent.scope(),
                    platform ? intent.account().key() : p.worker().workerKey(),
                    platform ? intent.account().platformId() : null, from, to, intent.violation(), intent.variant()));
        }
        return injections;
    }

    private static long workedMs(List<Interval> pieces) {
        return pieces.stream().mapToLong(Interval::length).sum();
    }

    /** The apps together must cover exactly the person's day, or the cross-platform truth would not be the plan's. */
    private static void checkUnion(Timeline timeline, Map<Account, List<Interval>> covered, DayPlan plan) {
        List<Interval> union = WorkingTime.merge(covered.values().stream().flatMap(List::stream).toList());
        List<Interval> person = WorkingTime.merge(timeline.pieces.stream()
                .map(piece -> new Interval(piece.start(), piece.end())).toList());
        if (!union.equals(person)) {
            throw new IllegalStateException("platforms do not cover the person's day on " + plan.date());
        }
    }
}
