package org.gigwatch.simulator.generate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gigwatch.avro.Scope;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.model.PublishedQuota;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.oracle.QuotaOracle;
import org.gigwatch.simulator.oracle.QuotaOracle.AccountDay;
import org.gigwatch.simulator.oracle.QuotaOracle.Share;
import org.gigwatch.simulator.truth.Injection;
import org.gigwatch.simulator.truth.Rule;
import org.gigwatch.simulator.truth.ViolationKey;

/**
 * The quotas platforms publish, all at the start, effective-dated. Per platform, region and role a baseline quota
 * that at least 95% of the workers judged reach within legal hours on every day (about what nine in ten full-day
 * workers deliver in 8 h, lowered until it holds). Per such group and day, with probability r, a quota in force for
 * that day only that fewer than 90% reach ("infeasible", or "just-under": the smallest such), and at r/4 a near miss
 * ("exactly-90%" where the day allows it, else "just-feasible": the largest quota still reached by 90%). Cases that
 * the day cannot hold (fewer than 30 workers judged) are not placed. Quotas are chosen from the world as it is: they
 * change no event of the workers.
 */
final class QuotaPlanner {
    private static final int BASELINE_PERCENT = 95;

    record Plan(List<PublishedQuota> quotas, List<Injection> injections) {}

    private record Case(int ordersPerDay, boolean violation, String variant) {}

    static Plan plan(long seed, double rate, RulePack pack, SimRange range, long publishedAt,
                     Collection<AccountDay> days) {
        Map<String, Map<LocalDate, List<AccountDay>>> groups = new TreeMap<>();
        for (AccountDay d : days) {
            groups.computeIfAbsent(ViolationKey.quotaSubject(d.platformId(), d.region(), d.role()), g -> new TreeMap<>())
                    .computeIfAbsent(d.day(), x -> new ArrayList<>()).add(d);
        }
        List<PublishedQuota> quotas = new ArrayList<>();
        List<Injection> injections = new ArrayList<>();
        groups.forEach((subject, byDay) -> {
            AccountDay any = byDay.values().iterator().next().get(0);
            ZoneId zone = pack.region(any.region()).zone();
            int baseline = baseline(byDay);
            quotas.add(new PublishedQuota(any.platformId(), any.region(), any.role(), baseline, range.first(), publishedAt));
            Map<LocalDate, Case> cases = new TreeMap<>();
            byDay.forEach((day, members) -> {
                SplittableRandom rng = Seeds.rng(seed, Seeds.QUOTAS, subject.hashCode(), day.toEpochDay());
                double r = rng.nextDouble();
                if (r < rate) {
                    infeasible(members, baseline, rng).ifPresent(c -> cases.put(day, c));
                } else if (r < rate * 1.25) {
                    nearMiss(members, baseline).ifPresent(c -> cases.put(day, c));
                }
            });
            cases.forEach((day, c) -> {
                quotas.add(new PublishedQuota(any.platformId(), any.region(), any.role(), c.ordersPerDay(), day, publishedAt));
                LocalDate next = day.plusDays(1);
                if (range.contains(next) && !cases.containsKey(next)) {
                    quotas.add(new PublishedQuota(any.platformId(), any.region(), any.role(), baseline, next, publishedAt));
                }
                injections.add(new Injection(Rule.QUOTA, Scope.PLATFORM, subject, any.platformId(),
                        SimRange.startOf(day, zone), SimRange.startOf(next, zone), c.violation(),
                        c.variant() + "-" + c.ordersPerDay()));
            });
        });
        return new Plan(quotas, injections);
    }

    /** About what nine in ten full-day workers reach, lowered until every judged day clears 95%. */
    private static int baseline(Map<LocalDate, List<AccountDay>> byDay) {
        List<Integer> full = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        byDay.values().forEach(members -> members.forEach(d -> {
            all.add(d.reachable());
            if (d.workedMs() >= d.legalMs()) {
                full.add(d.reachable());
            }
        }));
        List<Integer> reach = full.isEmpty() ? all : full;
        reach.sort(null);
        int n = Math.max(1, reach.get(reach.size() / 10));
        while (n > 1 && !clears(byDay.values(), n)) {
            n--;
        }
        return n;
    }

    private static boolean clears(Collection<List<AccountDay>> days, int n) {
        for (List<AccountDay> members : days) {
            Share share = QuotaOracle.share(members, n);
            if (share.judged() >= QuotaOracle.MINIMUM_WORKERS && share.reached() * 100L < BASELINE_PERCENT * (long) share.judged()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Case> infeasible(List<AccountDay> members, int baseline, SplittableRandom rng) {
        List<Integer> candidates = new ArrayList<>();
        for (int n = baseline + 1; n <= mostReached(members) + 1; n++) {
            if (QuotaOracle.share(members, n).violation()) {
                candidates.add(n);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Seeds.chance(rng, 0.3) ? new Case(candidates.get(0), true, "just-under")
                : new Case(candidates.get(rng.nextInt(candidates.size())), true, "infeasible"));
    }

    private static Optional<Case> nearMiss(List<AccountDay> members, int baseline) {
        TreeSet<Integer> exact = new TreeSet<>();
        TreeSet<Integer> feasible = new TreeSet<>();
        for (int n = baseline + 1; n <= mostReached(members); n++) {
            Share share = QuotaOracle.share(members, n);
            if (share.judged() >= QuotaOracle.MINIMUM_WORKERS && !share.violation()) {
                feasible.add(n);
                if (share.reached() * 10L == 9L * share.judged()) {
                    exact.add(n);
                }
            }
        }
        if (!exact.isEmpty()) {
            return Optional.of(new Case(exact.first(), false, "exactly-90%"));
        }
        return feasible.isEmpty() ? Optional.empty() : Optional.of(new Case(feasible.last(), false, "just-feasible"));
    }

    private static int mostReached(List<AccountDay> members) {
        return members.stream().mapToInt(AccountDay::reachable).max().orElse(0);
    }

    private QuotaPlanner() {}
}
