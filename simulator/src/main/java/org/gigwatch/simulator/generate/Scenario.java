package org.gigwatch.simulator.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.AccountHistory;
import org.gigwatch.simulator.model.Incident;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.model.PublishedQuota;
import org.gigwatch.simulator.model.PlatformDay;
import org.gigwatch.simulator.model.Session;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.Worker;
import org.gigwatch.simulator.model.WorkerDay;
import org.gigwatch.simulator.model.WorkerHistory;
import org.gigwatch.simulator.oracle.QuotaOracle;
import org.gigwatch.simulator.truth.Injection;

/**
 * The simulated world: the population, and every worker-day and payout as a pure function of the seed, so the
 * event stream (day by day, all workers) and the oracle (worker by worker, all days) regenerate the same model
 * without holding it all in memory.
 */
public final class Scenario {
    private final long seed;
    private final RulePack pack;
    private final SimRange range;
    private final double rate;
    private final List<Profile> profiles;
    private final WorkerCalendar calendar;
    private final DayGenerator days;
    private QuotaPlanner.Plan quotas;

    public Scenario(long seed, int workers, double dualPlatformShare, double violationRate, RulePack pack, SimRange range) {
        this.seed = seed;
        this.pack = pack;
        this.range = range;
        this.rate = violationRate;
        this.profiles = Population.generate(seed, workers, dualPlatformShare, pack, range);
        this.calendar = new WorkerCalendar(seed, violationRate, pack, range);
        this.days = new DayGenerator(seed, violationRate, pack, range);
    }

    public SimRange range() {
        return range;
    }

    public RulePack pack() {
        return pack;
    }

    public List<Worker> workers() {
        return profiles.stream().map(Profile::worker).toList();
    }

    public Worker worker(int index) {
        return profiles.get(index).worker();
    }

    public int size() {
        return profiles.size();
    }

    /** What the worker did on the planned day (a night shift may run past midnight). */
    public WorkerDay day(int worker, LocalDate date) {
        Profile p = profiles.get(worker);
        return days.generate(p, calendar.day(p, date));
    }

    /** A fresh payer per account of the worker, in account order. */
    public List<AccountPayouts> payouts(int worker) {
        Profile p = profiles.get(worker);
        List<AccountPayouts> payouts = new ArrayList<>();
        List<Account> accounts = p.worker().accounts();
        for (int i = 0; i < accounts.size(); i++) {
            payouts.add(new AccountPayouts(accounts.get(i), p.zone(), p.rules().maximumFinePercent(),
                    PayoutSchedule.plan(p, accounts.get(i), i, calendar, seed, rate, range)));
        }
        return payouts;
    }

    /** The injections decided per week and per month (the day and payout ones come with days and payouts). */
    public List<Injection> periodInjections(int worker) {
        return calendar.periodInjections(profiles.get(worker));
    }

    /** A worker's whole range, as the oracle reads it, with every injection placed in it. */
    public Generated history(int worker) {
        Worker w = worker(worker);
        List<AccountPayouts> payers = payouts(worker);
        Map<Account, List<Session>> sessions = new LinkedHashMap<>();
        Map<Account, List<Order>> orders = new LinkedHashMap<>();
        Map<Account, List<Incident>> incidents = new LinkedHashMap<>();
        List<Injection> injections = new ArrayList<>(periodInjections(worker));
        for (Account a : w.accounts()) {
            sessions.put(a, new ArrayList<>());
            orders.put(a, new ArrayList<>());
            incidents.put(a, new ArrayList<>());
        }
        for (LocalDate date : range.dates()) {
            WorkerDay day = day(worker, date);
            injections.addAll(day.injections());
            for (PlatformDay pd : day.platforms()) {
                sessions.get(pd.account()).addAll(pd.sessions());
                orders.get(pd.account()).addAll(pd.orders());
                incidents.get(pd.account()).addAll(pd.incidents());
            }
        }
        List<AccountHistory> accounts = new ArrayList<>();
        for (AccountPayouts payer : payers) {
            orders.get(payer.account()).forEach(payer::record);
            List<Payout> payouts = new ArrayList<>();
            range.dates().forEach(date -> payouts.addAll(payer.paidOn(date)));
            injections.addAll(payer.injections());
            accounts.add(new AccountHistory(payer.account(), sessions.get(payer.account()), orders.get(payer.account()),
                    payouts, incidents.get(payer.account())));
        }
        return new Generated(new WorkerHistory(w, accounts), injections);
    }

    /**
     * The quotas the platforms publish at {@link #publishedAt()}. They are chosen from the world itself, since
     * whether a quota is feasible depends on how fast the workers actually deliver: from the account-days a ground
     * truth pass handed over ({@link #planQuotas}), or else from a pass of their own over every worker's history.
     */
    public synchronized List<PublishedQuota> quotas() {
        if (quotas == null) {
            QuotaOracle oracle = new QuotaOracle(pack, range);
            planQuotas(IntStream.range(0, size()).parallel()
                    .mapToObj(i -> oracle.days(history(i).history())).flatMap(List::stream).toList());
        }
        return quotas.quotas();
    }

    /** The QUOTA cases among {@link #quotas()}, near misses included. */
    public synchronized List<Injection> quotaInjections() {
        quotas();
        return quotas.injections();
    }

    /**
     * Plans the quotas from every account-day of the world (QuotaOracle#days over each worker's history), unless
     * they are planned already; the plan does not depend on the order of the days.
     */
    public synchronized void planQuotas(List<QuotaOracle.AccountDay> accountDays) {
        if (quotas == null) {
            quotas = QuotaPlanner.plan(seed, rate, pack, range, publishedAt(), accountDays);
        }
    }

    /** Start of the range's first day in the earliest of the workers' zones. */
    public long firstInstant() {
        return profiles.stream().mapToLong(p -> range.start(p.zone())).min().orElseThrow();
    }

    /** When registrations and quotas are published: an hour before the range starts. */
    public long publishedAt() {
        return firstInstant() - 3_600_000L;
    }

    /** A worker's history and the injections the generator placed in it. */
    public record Generated(WorkerHistory history, List<Injection> injections) {}
}
