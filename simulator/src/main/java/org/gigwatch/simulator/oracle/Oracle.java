package org.gigwatch.simulator.oracle;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.gigwatch.avro.Scope;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.model.AccountHistory;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.Worker;
import org.gigwatch.simulator.model.WorkerHistory;
import org.gigwatch.simulator.truth.ExpectedViolation;

/**
 * The ground truth's source: every rule computed in batch over what the model says happened (sessions, orders,
 * payouts), never over what the generator meant to inject. Platform scope: every rule, per account.
 * Cross-platform scope (people registered with two or more platforms): the working-time rules, over the union of
 * their platforms' working time, with their category. INJURY_RESPONSIBILITY: per incident, over the person's
 * orders on every platform. QUOTA is judged over all workers at once ({@link QuotaOracle}).
 */
public final class Oracle {
    private final RulePack pack;
    private final SimRange range;
    private final List<RuleOracle> rules;

    public Oracle(RulePack pack, SimRange range) {
        this.pack = pack;
        this.range = range;
        this.rules = List.of(new RestBreakOracle(), new DailyHoursOracle(), new MonthlyOvertimeOracle(),
                new NoRestDayOracle(), new MinWageOracle(pack), new HolidayPayOracle(pack), new DepositOracle(),
                new WageArrearsOracle(), new WithheldPayOracle());
    }

    public List<ExpectedViolation> check(WorkerHistory history) {
        Worker worker = history.worker();
        ZoneId zone = pack.region(worker.region()).zone();
        CategoryRules category = pack.category(worker.category());
        List<ExpectedViolation> found = new ArrayList<>();
        List<Interval> everyPlatform = new ArrayList<>();
        for (AccountHistory account : history.accounts()) {
            List<Interval> working = WorkingTime.of(account.sessions());
            everyPlatform.addAll(working);
            Subject subject = new Subject(Scope.PLATFORM, account.account().key(), account.account().platformId(),
                    worker.region(), zone, category, range, working, account.orders(), account.payouts());
            rules.forEach(rule -> rule.check(subject, found::add));
        }
        if (worker.multiPlatform()) {
            Subject person = new Subject(Scope.CROSS_PLATFORM, worker.workerKey(), null, worker.region(), zone, category,
                    range, WorkingTime.merge(everyPlatform), List.of(), List.of());
            rules.stream().filter(rule -> rule.rule().aboutTime()).forEach(rule -> rule.check(person, found::add));
        }
        InjuryResponsibilityOracle.check(history, found::add);
        return found;
    }
}
