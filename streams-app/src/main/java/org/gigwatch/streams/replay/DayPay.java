package org.gigwatch.streams.replay;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.streams.workingtime.LocalDay;

/**
 * Each account's pay per local day as the minimum-wage rule counts it (SIMULATOR.md §5): base + incentive of the
 * orders DELIVERED that day in the region's zone, tips excluded, each order event once. The report divides it by
 * the day's working time for the effective hourly pay.
 */
public final class DayPay {
    /** An account ({@code platformId/workerId}) on a local day. */
    public record AccountDay(String account, LocalDate day) {}

    private final RulePack pack;
    private final Map<AccountDay, Long> pay = new HashMap<>();
    private final Set<String> seen = new HashSet<>();

    public DayPay(RulePack pack) {
        this.pack = pack;
    }

    public void add(OrderEvent order) {
        if (order.getType() != OrderEventType.DELIVERED || !seen.add(order.getEventId())) {
            return;
        }
        long amount = (order.getBasePay() == null ? 0 : order.getBasePay())
                + (order.getIncentivePay() == null ? 0 : order.getIncentivePay());
        LocalDate day = LocalDay.dateOf(order.getOccurredAt().toEpochMilli(), pack.region(order.getRegion()).zone());
        pay.merge(new AccountDay(Topics.workerKey(order.getPlatformId(), order.getWorkerId()), day), amount, Long::sum);
    }

    /** The account's pay that day, 0 if it delivered nothing. */
    public long on(String account, LocalDate day) {
        return pay.getOrDefault(new AccountDay(account, day), 0L);
    }
}
