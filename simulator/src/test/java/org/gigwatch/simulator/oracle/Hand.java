package org.gigwatch.simulator.oracle;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.Industry;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.AccountHistory;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.PayLine;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.model.Session;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.Worker;
import org.gigwatch.simulator.model.WorkerHistory;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/** Hand-built models for oracle tests: local times in Asia/Shanghai, written "2025-10-14T09:00[:ss]". */
final class Hand {
    static final RulePack CN = RulePack.shipped("cn");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Account A = Account.of("swiftmeal", "a1");
    static final Account B = Account.of("dashbite", "b1");

    static long at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant().toEpochMilli();
    }

    static Session session(String login, String logout, String... breaks) {
        List<Interval> declared = new ArrayList<>();
        for (int i = 0; i < breaks.length; i += 2) {
            declared.add(new Interval(at(breaks[i]), at(breaks[i + 1])));
        }
        return new Session(at(login), at(logout), declared);
    }

    /** A delivered order worth {@code pay} fen (base + incentive), delivered at {@code delivered}. */
    static Order order(String delivered, long pay) {
        return order(delivered, pay, 0);
    }

    static Order order(String delivered, long pay, long tip) {
        long end = at(delivered);
        return new Order("o" + end + "-" + pay, end - 600_000, end - 590_000, end - 300_000, end, true, pay, 0, tip, 1000);
    }

    static Payout payout(String paidAt, Object... typesAndAmounts) {
        List<PayLine> lines = new ArrayList<>();
        for (int i = 0; i < typesAndAmounts.length; i += 2) {
            lines.add(new PayLine((PayoutLineType) typesAndAmounts[i], ((Number) typesAndAmounts[i + 1]).longValue(), null));
        }
        LocalDate day = LocalDateTime.parse(paidAt).toLocalDate();
        return new Payout("p" + at(paidAt), A, at(paidAt), day.minusDays(7), day.minusDays(1), lines);
    }

    static Worker worker(EmploymentCategory category, String region, Account... accounts) {
        return new Worker(0, "key-of-the-person", region, Industry.FOOD_DELIVERY, category, "rider", Arrays.asList(accounts));
    }

    /** One account's history. */
    static AccountHistory account(Account account, List<Session> sessions, List<Order> orders, List<Payout> payouts) {
        return new AccountHistory(account, sessions, orders, payouts);
    }

    static List<ExpectedViolation> judge(SimRange range, Worker worker, AccountHistory... accounts) {
        return new Oracle(CN, range).check(new WorkerHistory(worker, Arrays.asList(accounts)));
    }

    static List<ExpectedViolation> judge(SimRange range, Rule rule, Worker worker, AccountHistory... accounts) {
        return judge(range, worker, accounts).stream().filter(v -> v.rule() == rule).toList();
    }

    static SimRange days(String first, int days) {
        return new SimRange(LocalDate.parse(first), days);
    }

    private Hand() {}
}
