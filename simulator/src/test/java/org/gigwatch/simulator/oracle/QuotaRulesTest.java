package org.gigwatch.simulator.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gigwatch.avro.EmploymentCategory.INDEPENDENT;
import static org.gigwatch.avro.EmploymentCategory.MANAGED_NON_EMPLOYEE;
import static org.gigwatch.simulator.oracle.Hand.at;
import static org.gigwatch.simulator.oracle.Hand.session;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.Scope;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.AccountHistory;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.PublishedQuota;
import org.gigwatch.simulator.model.Session;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.WorkerHistory;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;
import org.junit.jupiter.api.Test;

/** QUOTA over hand-built swiftmeal riders in Shanghai on Tuesday 2025-10-14 (legal day: 8 h of working time). */
class QuotaRulesTest {
    private static final SimRange WEEK = Hand.days("2025-10-13", 7);
    private static final LocalDate DAY = LocalDate.parse("2025-10-14");
    private static final List<PublishedQuota> TEN = List.of(quota(10, "2025-10-01", "2025-09-30T12:00"));
    private static final QuotaOracle ORACLE = new QuotaOracle(Hand.CN, WEEK);

    private final List<QuotaOracle.AccountDay> days = new ArrayList<>();

    private static PublishedQuota quota(int orders, String effectiveFrom, String publishedLocal) {
        return new PublishedQuota("swiftmeal", "310000", "rider", orders, LocalDate.parse(effectiveFrom), at(publishedLocal));
    }

    /** A rider online 08:00–17:00 (9 h) who delivered an order at each local time "HH:mm[:ss]" of the day. */
    private void rider(String... delivered) {
        rider(EmploymentCategory.LABOR_CONTRACT, List.of(session("2025-10-14T08:00", "2025-10-14T17:00")), delivered);
    }

    private void rider(EmploymentCategory category, List<Session> sessions, String... delivered) {
        List<Order> orders = new ArrayList<>();
        for (String time : delivered) {
            orders.add(Hand.order("2025-10-14T" + time, 500));
        }
        rider(category, sessions, orders);
    }

    private void rider(EmploymentCategory category, List<Session> sessions, List<Order> orders) {
        Account account = Account.of("swiftmeal", "r" + days.size() + "-" + orders.size());
        days.addAll(ORACLE.days(new WorkerHistory(Hand.worker(category, "310000", account),
                List.of(new AccountHistory(account, sessions, orders, List.of())))));
    }

    /** The first n half-hours from 08:30: 08:30, 09:00, ... */
    private static String[] every30Minutes(int n) {
        String[] times = new String[n];
        for (int i = 0; i < n; i++) {
            int minutes = 8 * 60 + 30 * (i + 1);
            times[i] = String.format("%02d:%02d", minutes / 60, minutes % 60);
        }
        return times;
    }

    private void riders(int count, int orders) {
        for (int i = 0; i < count; i++) {
            rider(every30Minutes(orders));
        }
    }

    private List<ExpectedViolation> judge(List<PublishedQuota> quotas) {
        return ORACLE.judge(quotas, days);
    }

    @Test
    void exactlyNinetyPercentIsNoViolationJustUnderIs() {
        riders(27, 10);
        riders(3, 9);
        assertThat(judge(TEN)).as("27 of 30").isEmpty();

        days.clear();
        riders(26, 10);
        riders(4, 9);
        assertThat(judge(TEN)).as("26 of 30").singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.QUOTA);
            assertThat(v.scope()).isEqualTo(Scope.PLATFORM);
            assertThat(v.worker()).isEqualTo("swiftmeal/310000/rider");
            assertThat(v.platformId()).isEqualTo("swiftmeal");
            assertThat(v.region()).isEqualTo("310000");
            assertThat(v.windowStart()).isEqualTo(Instant.ofEpochMilli(at("2025-10-14T00:00")));
            assertThat(v.windowEnd()).isEqualTo(Instant.ofEpochMilli(at("2025-10-15T00:00")));
            assertThat(v.measured()).as("basis points, rounded down").isEqualTo(8666);
        });
    }

    @Test
    void theQuotaReachedAtExactlyEightHoursOfWorkIsReachedOneSecondLaterIsNot() {
        String[] nine = every30Minutes(9);
        riders(26, 10);
        riders(3, 9);
        String[] atEight = Arrays.copyOf(nine, 10);
        atEight[9] = "16:00"; // 480:00 of working time since the 08:00 login
        rider(atEight);
        assertThat(judge(TEN)).isEmpty();

        days.remove(days.size() - 1);
        atEight[9] = "16:00:01";
        rider(atEight);
        assertThat(judge(TEN)).hasSize(1);
    }

    @Test
    void twentyNineWorkersAreNotJudgedThirtyAre() {
        riders(29, 5);
        assertThat(judge(TEN)).as("29 workers, none reached it").isEmpty();
        riders(1, 5);
        assertThat(judge(TEN)).singleElement().satisfies(v -> assertThat(v.measured()).isZero());
    }

    @Test
    void whoStoppedEarlyWithoutReachingItIsNotJudgedWhoReachedItEarlyIs() {
        riders(30, 10);
        for (int i = 0; i < 20; i++) { // 4 h of work, 6 orders: nothing learned about a 10-order quota
            rider(MANAGED_NON_EMPLOYEE, List.of(session("2025-10-14T08:00", "2025-10-14T12:00")), every30Minutes(6));
        }
        assertThat(judge(TEN)).isEmpty();

        days.clear();
        riders(27, 5);
        for (int i = 0; i < 3; i++) { // 5 h of work, quota reached: counted, and reached
            rider(INDEPENDENT, List.of(session("2025-10-14T08:00", "2025-10-14T13:00")), every30Minutes(10));
        }
        assertThat(judge(TEN)).singleElement().satisfies(v -> assertThat(v.measured()).isEqualTo(1000));
    }

    @Test
    void breaksAreNotWorkingTimeAndCancelledOrdersDoNotCount() {
        riders(26, 10);
        riders(3, 9); // the 30th rider decides: 27 of 30 is no violation, 26 of 30 is
        // online 08:00-18:00 with a declared break 12:00-13:00: the 10th order at 17:00 comes at 8 h of work
        String[] late = Arrays.copyOf(every30Minutes(7), 10);
        late[7] = "13:30";
        late[8] = "14:00";
        late[9] = "17:00";
        rider(EmploymentCategory.LABOR_CONTRACT, List.of(session("2025-10-14T08:00", "2025-10-14T18:00",
                "2025-10-14T12:00", "2025-10-14T13:00")), late);
        assertThat(judge(TEN)).isEmpty();

        days.remove(days.size() - 1);
        List<Order> orders = new ArrayList<>();
        for (String time : every30Minutes(10)) {
            orders.add(Hand.order("2025-10-14T" + time, 500));
        }
        Order last = orders.remove(9);
        orders.add(new Order(last.orderId(), last.offeredAt(), last.acceptedAt(), last.pickedUpAt(), last.endedAt(),
                false, 0, 0, 0, 1000));
        rider(EmploymentCategory.LABOR_CONTRACT, List.of(session("2025-10-14T08:00", "2025-10-14T17:00")), orders);
        assertThat(judge(TEN)).as("the 10th order was cancelled").hasSize(1);
    }

    @Test
    void theQuotaInForceIsTheLatestEffectiveOnePublishedBeforeTheDayEnds() {
        riders(30, 8);
        assertThat(judge(List.of(quota(8, "2025-10-01", "2025-09-30T12:00")))).isEmpty();
        assertThat(judge(List.of(quota(8, "2025-10-01", "2025-09-30T12:00"), quota(9, "2025-10-14", "2025-09-30T12:00"))))
                .as("9 orders from the 14th").hasSize(1);
        assertThat(judge(List.of(quota(8, "2025-10-01", "2025-09-30T12:00"), quota(9, "2025-10-15", "2025-09-30T12:00"))))
                .as("9 orders only from the 15th").isEmpty();
        assertThat(judge(List.of(quota(8, "2025-10-01", "2025-09-30T12:00"), quota(9, "2025-10-14", "2025-10-15T00:00"))))
                .as("published after the day ended").isEmpty();
        assertThat(judge(List.of(quota(9, "2025-10-14", "2025-09-30T12:00"), quota(8, "2025-10-14", "2025-10-01T12:00"))))
                .as("same day in force: the later published").isEmpty();
        assertThat(judge(List.of(quota(0, "2025-10-01", "2025-09-30T12:00")))).as("a quota of no orders").isEmpty();
        assertThat(judge(List.of(new PublishedQuota("swiftmeal", "310000", "courier", 9, DAY, 0),
                new PublishedQuota("dashbite", "310000", "rider", 9, DAY, 0)))).as("another role or platform").isEmpty();
    }

    @Test
    void theLegalDayIsTheStatutoryEightHoursForEveryCategory() {
        for (EmploymentCategory category : EmploymentCategory.values()) {
            assertThat(QuotaOracle.legalMs(Hand.CN, category)).as(category.name()).isEqualTo(480 * 60_000L);
        }
    }
}
