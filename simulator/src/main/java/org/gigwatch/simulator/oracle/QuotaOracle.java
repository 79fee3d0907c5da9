package org.gigwatch.simulator.oracle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.Scope;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.model.AccountHistory;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.PublishedQuota;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.WorkerHistory;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;
import org.gigwatch.simulator.truth.ViolationKey;

/**
 * QUOTA (000 三(十一), 004 三): a quota must be one that 90% of the workers of the post can finish within the
 * statutory working day. Per platform, region, role and local day of the range, with the quota in force: a worker
 * (an account registered with that role) is judged if they reached the quota within the legal working time, or
 * worked at least that long that day (whoever stopped earlier without reaching it shows nothing about the quota).
 * Reached = the Nth order delivered that day (cancelled ones do not count) came when the account's working time
 * since local midnight was ≤ the legal time. A violation iff at least 30 workers are judged and
 * reached × 10 < 9 × judged (exactly 90% is no violation). Addressed to the platform, not to a worker.
 */
public final class QuotaOracle {
    /** Fewer judged workers than this are not judged at all. */
    public static final int MINIMUM_WORKERS = 30;
    /** The share of judged workers, in percent, that must reach the quota within legal hours. */
    public static final int REQUIRED_PERCENT = 90;

    /**
     * One account's day, as far as quotas go.
     *
     * @param workedAt working ms since local midnight at each delivery of the day, ascending
     * @param legalMs  the legal working time of the account's category
     */
    public record AccountDay(String platformId, String region, String role, LocalDate day, long workedMs,
                             long[] workedAt, long legalMs) {
        /** Reached n orders within legal hours. */
        public boolean reached(int n) {
            return n >= 1 && n <= workedAt.length && workedAt[n - 1] <= legalMs;
        }

        /** Counted under a quota of n: reached it in time, or worked the whole legal day. */
        public boolean judged(int n) {
            return reached(n) || workedMs >= legalMs;
        }

        /** The most orders reached within legal hours. */
        public int reachable() {
            int n = 0;
            while (n < workedAt.length && workedAt[n] <= legalMs) {
                n++;
            }
            return n;
        }

        String group() {
            return ViolationKey.quotaSubject(platformId, region, role);
        }
    }

    private final RulePack pack;
    private final SimRange range;

    public QuotaOracle(RulePack pack, SimRange range) {
        this.pack = pack;
        this.range = range;
    }

    /**
     * The legal working day: the category's daily standard; the statutory 8 h day (LABOR_CONTRACT's standard) for a
     * category without one, since the documents measure the quota of a post against 国家法定工时制度, whoever works it.
     */
    public static long legalMs(RulePack pack, EmploymentCategory category) {
        CategoryRules rules = pack.category(category);
        Integer minutes = rules.dailyStandardMinutes() != null ? rules.dailyStandardMinutes()
                : pack.category(EmploymentCategory.LABOR_CONTRACT).dailyStandardMinutes();
        return minutes * 60_000L;
    }

    /** Every day of the range on which one of the person's accounts worked. */
    public List<AccountDay> days(WorkerHistory history) {
        ZoneId zone = pack.region(history.worker().region()).zone();
        long legal = legalMs(pack, history.worker().category());
        List<AccountDay> days = new ArrayList<>();
        for (AccountHistory account : history.accounts()) {
            List<Interval> working = WorkingTime.of(account.sessions());
            Map<LocalDate, List<Long>> deliveries = new TreeMap<>();
            for (Order o : account.orders()) {
                if (o.delivered()) {
                    deliveries.computeIfAbsent(Instant.ofEpochMilli(o.endedAt()).atZone(zone).toLocalDate(),
                            d -> new ArrayList<>()).add(o.endedAt());
                }
            }
            int first = 0;
            for (LocalDate day : range.dates()) {
                long from = SimRange.startOf(day, zone);
                long to = SimRange.startOf(day.plusDays(1), zone);
                while (first < working.size() && working.get(first).end() <= from) {
                    first++;
                }
                int last = first;
                while (last < working.size() && working.get(last).start() < to) {
                    last++;
                }
                List<Interval> today = working.subList(first, last);
                long worked = WorkingTime.within(today, from, to);
                if (worked == 0) {
                    continue;
                }
                long[] at = deliveries.getOrDefault(day, List.of()).stream().sorted()
                        .mapToLong(end -> WorkingTime.within(today, from, end)).toArray();
                days.add(new AccountDay(account.account().platformId(), history.worker().region(),
                        history.worker().role(), day, worked, at, legal));
            }
        }
        return days;
    }

    /** The quota in force on the day: the latest effectiveFrom ≤ day published before the day ended; ties: the later published, then the later listed. */
    public static Optional<PublishedQuota> inForce(List<PublishedQuota> quotas, String platformId, String region,
                                                   String role, LocalDate day, long dayEnd) {
        PublishedQuota best = null;
        for (PublishedQuota q : quotas) {
            if (q.platformId().equals(platformId) && q.region().equals(region) && q.role().equals(role)
                    && !q.effectiveFrom().isAfter(day) && q.publishedAt() < dayEnd
                    && (best == null || BY_PRECEDENCE.compare(q, best) >= 0)) {
                best = q;
            }
        }
        return Optional.ofNullable(best);
    }

    private static final Comparator<PublishedQuota> BY_PRECEDENCE = Comparator
            .comparing(PublishedQuota::effectiveFrom).thenComparingLong(PublishedQuota::publishedAt);

    /** The QUOTA violations among these account-days (every account of every person, for the whole range). */
    public List<ExpectedViolation> judge(List<PublishedQuota> quotas, Collection<AccountDay> days) {
        record Group(String subject, LocalDate day) {}
        Map<Group, List<AccountDay>> groups = new TreeMap<>(
                Comparator.comparing(Group::subject).thenComparing(Group::day));
        days.forEach(d -> groups.computeIfAbsent(new Group(d.group(), d.day()), g -> new ArrayList<>()).add(d));
        List<ExpectedViolation> found = new ArrayList<>();
        groups.forEach((group, members) -> {
            AccountDay any = members.get(0);
            ZoneId zone = pack.region(any.region()).zone();
            long from = SimRange.startOf(group.day(), zone);
            long to = SimRange.startOf(group.day().plusDays(1), zone);
            inForce(quotas, any.platformId(), any.region(), any.role(), group.day(), to)
                    .filter(q -> q.ordersPerDay() >= 1) // a quota of no orders asks for nothing
                    .map(q -> share(members, q.ordersPerDay()))
                    .filter(Share::violation)
                    .ifPresent(share -> found.add(new ExpectedViolation(Rule.QUOTA, Scope.PLATFORM, group.subject(),
                            any.platformId(), any.region(), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to),
                            share.basisPoints(), null, false)));
        });
        return found;
    }

    /** How many of these account-days are judged under a quota of n orders, and how many of them reached it. */
    public static Share share(Collection<AccountDay> members, int n) {
        int judged = 0;
        int reached = 0;
        for (AccountDay d : members) {
            judged += d.judged(n) ? 1 : 0;
            reached += d.reached(n) ? 1 : 0;
        }
        return new Share(judged, reached);
    }

    /** Workers judged under a quota and those of them who reached it within legal hours. */
    public record Share(int judged, int reached) {
        public boolean violation() {
            return judged >= MINIMUM_WORKERS && reached * 100L < (long) REQUIRED_PERCENT * judged;
        }

        /** reached / judged in basis points, rounded down. */
        public long basisPoints() {
            return judged == 0 ? 0 : reached * 10_000L / judged;
        }
    }
}
