package org.gigwatch.simulator.oracle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.Scope;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/**
 * What a rule judges: one account's activity (platform scope) or one person's activity merged over their
 * platforms (cross-platform scope; no orders or payouts there, only working time). Per-day totals are summed
 * once up front: working time cut at local midnight, money by the local day an order was delivered.
 */
public final class Subject {
    private final Scope scope;
    private final String worker;
    private final String platformId;
    private final String region;
    private final ZoneId zone;
    private final CategoryRules rules;
    private final SimRange range;
    private final List<Interval> working;
    private final List<Payout> payouts;
    private final Map<LocalDate, Long> workedMs = new HashMap<>();
    private final Map<LocalDate, Long> pay = new HashMap<>();
    private final Map<LocalDate, Long> earnings = new HashMap<>();

    public Subject(Scope scope, String worker, String platformId, String region, ZoneId zone, CategoryRules rules,
                   SimRange range, List<Interval> working, List<Order> orders, List<Payout> payouts) {
        this.scope = scope;
        this.worker = worker;
        this.platformId = platformId;
        this.region = region;
        this.zone = zone;
        this.rules = rules;
        this.range = range;
        this.working = List.copyOf(working);
        this.payouts = List.copyOf(payouts);
        for (Interval interval : working) {
            LocalDate day = dayOf(interval.start());
            for (long from = interval.start(); from < interval.end(); day = day.plusDays(1)) {
                long to = Math.min(interval.end(), dayStart(day.plusDays(1)));
                workedMs.merge(day, to - from, Long::sum);
                from = to;
            }
        }
        for (Order order : orders) {
            if (order.delivered()) {
                pay.merge(dayOf(order.endedAt()), order.pay(), Long::sum);
                earnings.merge(dayOf(order.endedAt()), order.earnings(), Long::sum);
            }
        }
    }

    public Scope scope() {
        return scope;
    }

    public String region() {
        return region;
    }

    public ZoneId zone() {
        return zone;
    }

    public CategoryRules rules() {
        return rules;
    }

    public SimRange range() {
        return range;
    }

    public List<Interval> working() {
        return working;
    }

    public List<Payout> payouts() {
        return payouts;
    }

    public LocalDate dayOf(long instant) {
        return Instant.ofEpochMilli(instant).atZone(zone).toLocalDate();
    }

    public long dayStart(LocalDate day) {
        return SimRange.startOf(day, zone);
    }

    /** Working milliseconds inside the local day. */
    public long workedMs(LocalDate day) {
        return workedMs.getOrDefault(day, 0L);
    }

    /** Base + incentive of the orders delivered during the local day (tips excluded). */
    public long payOn(LocalDate day) {
        return pay.getOrDefault(day, 0L);
    }

    /** Base + incentive + tip of the orders delivered during the local day: what the platform owes for it. */
    public long earningsOn(LocalDate day) {
        return earnings.getOrDefault(day, 0L);
    }

    public ExpectedViolation violation(Rule rule, long windowStart, long windowEnd, long measured, Long shortfall) {
        return new ExpectedViolation(rule, scope, worker, platformId, region, Instant.ofEpochMilli(windowStart),
                Instant.ofEpochMilli(windowEnd), measured, shortfall, false);
    }
}
