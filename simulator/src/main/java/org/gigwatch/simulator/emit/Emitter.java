package org.gigwatch.simulator.emit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.gigwatch.simulator.generate.AccountPayouts;
import org.gigwatch.simulator.generate.Scenario;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.PlatformDay;
import org.gigwatch.simulator.model.PublishedQuota;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.Worker;
import org.gigwatch.simulator.model.WorkerDay;

/**
 * Streams the scenario day by day: all workers' days are generated (in parallel), then their events and the
 * day's payouts are merged by time and sent, so the output is time-ordered across workers (a consumer's stream
 * time never jumps ahead of another worker's events). Only one day's events (and what spills past midnight) are
 * held at a time. Registrations go first, an hour before the range starts, then the platforms' quotas.
 */
public final class Emitter {
    private final Scenario scenario;
    private final EventSink sink;
    private final Events events;
    private final Pacer pacer;
    private final BooleanSupplier stopped;

    public Emitter(Scenario scenario, EventSink sink, TopicCounters counters, Pacer pacer, BooleanSupplier stopped) {
        this.scenario = scenario;
        this.sink = sink;
        this.events = new Events(sink, counters, scenario.pack());
        this.pacer = pacer;
        this.stopped = stopped;
    }

    /** The instant registrations and quotas are sent at: an hour before the earliest region's first day. */
    public static long registrationTime(Scenario scenario) {
        return scenario.publishedAt();
    }

    /** Start of the range's first day in the earliest of the workers' zones. */
    public static long firstInstant(Scenario scenario) {
        return scenario.firstInstant();
    }

    /** Sends everything; false if stopped before the end. */
    public boolean run() {
        long registered = registrationTime(scenario);
        List<List<AccountPayouts>> payers = new ArrayList<>();
        for (int i = 0; i < scenario.size(); i++) {
            Worker w = scenario.worker(i);
            for (Account a : w.accounts()) {
                if (!pacer.await(registered)) {
                    return false;
                }
                events.registration(w, a, registered);
            }
            payers.add(scenario.payouts(i));
        }
        for (PublishedQuota quota : scenario.quotas()) {
            if (!pacer.await(quota.publishedAt())) {
                return false;
            }
            events.quota(quota);
        }
        Set<ZoneId> zones = zones(scenario);
        CursorHeap queue = new CursorHeap();
        long seq = 0;
        for (LocalDate date : scenario.range().dates()) {
            WorkerDay[] days = IntStream.range(0, scenario.size()).parallel()
                    .mapToObj(i -> scenario.day(i, date)).toArray(WorkerDay[]::new);
            for (WorkerDay day : days) {
                if (!day.platforms().isEmpty()) {
                    queue.add(new Cursor.Day(day, seq++));
                }
                for (PlatformDay pd : day.platforms()) {
                    AccountPayouts payer = payerOf(payers.get(day.worker().index()), pd.account());
                    pd.orders().forEach(payer::record);
                }
            }
            for (int i = 0; i < scenario.size(); i++) {
                for (AccountPayouts payer : payers.get(i)) {
                    for (var payout : payer.paidOn(date)) {
                        queue.add(Cursor.of(scenario.worker(i), payout, seq++));
                    }
                }
            }
            LocalDate next = date.plusDays(1);
            if (!drain(queue, zones.stream().mapToLong(z -> SimRange.startOf(next, z)).min().orElseThrow())) {
                return false;
            }
        }
        boolean completed = drain(queue, Long.MAX_VALUE);
        sink.flush();
        return completed;
    }

    /** Sends every queued event before {@code boundary}, in time order. */
    private boolean drain(CursorHeap queue, long boundary) {
        while (!queue.isEmpty() && queue.top().at < boundary) {
            Cursor cursor = queue.top();
            if (!pacer.await(cursor.at) || stopped.getAsBoolean()) {
                return false;
            }
            if (cursor.emitNext(events)) {
                queue.topChanged();
            } else {
                queue.removeTop();
            }
        }
        return true;
    }

    private static AccountPayouts payerOf(List<AccountPayouts> payers, Account account) {
        for (AccountPayouts payer : payers) {
            if (payer.account().equals(account)) {
                return payer;
            }
        }
        throw new IllegalStateException("no payer for " + account.key());
    }

    private static Set<ZoneId> zones(Scenario scenario) {
        Set<ZoneId> zones = new TreeSet<>((a, b) -> a.getId().compareTo(b.getId()));
        scenario.workers().forEach(w -> zones.add(scenario.pack().region(w.region()).zone()));
        return zones;
    }
}
