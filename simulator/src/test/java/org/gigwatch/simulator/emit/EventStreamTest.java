package org.gigwatch.simulator.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.PayoutLine;
import org.gigwatch.avro.Quota;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.Topics;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.generate.Scenario;
import org.gigwatch.simulator.emit.MemorySink.Sent;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.AccountHistory;
import org.gigwatch.simulator.model.Incident;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.PayLine;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.model.PublishedQuota;
import org.gigwatch.simulator.model.Session;
import org.gigwatch.simulator.model.Worker;
import org.gigwatch.simulator.model.WorkerHistory;
import org.gigwatch.simulator.oracle.Oracle;
import org.gigwatch.simulator.oracle.QuotaOracle;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a monitor receives: the events of a small world with injections, checked for shape and order. */
class EventStreamTest {
    private static Simulator simulator;
    private static List<Sent> sent;

    @BeforeAll
    static void run() {
        simulator = new Simulator(SimulatorConfig.builder().seed(3).workers(150).startDate(LocalDate.of(2025, 9, 22))
                .days(45).violationRate(0.08).dualPlatformShare(0.3).build());
        MemorySink sink = new MemorySink();
        simulator.run(sink);
        sent = sink.sent();
    }

    @Test
    void everyTopicGetsEventsAndTheCountersAgree() {
        for (String topic : TopicCounters.TOPICS) {
            long count = sent.stream().filter(s -> s.topic().equals(topic)).count();
            assertThat(count).as(topic).isPositive().isEqualTo(simulator.counters().get(topic));
        }
        assertThat(simulator.counters().total()).isEqualTo(sent.size());
    }

    @Test
    void registrationsComeFirstThenEverythingInTimeOrder() {
        int registrations = (int) simulator.workers().stream().mapToLong(w -> w.accounts().size()).sum();
        assertThat(sent.subList(0, registrations)).allMatch(s -> s.topic().equals(Topics.REGISTRATIONS));
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).timestamp()).as("event %d", i).isGreaterThanOrEqualTo(sent.get(i - 1).timestamp());
        }
    }

    @Test
    void keysTimestampsAndIdsFollowTheContract() {
        Set<String> ids = new HashSet<>();
        for (Sent s : sent) {
            SpecificRecord v = s.value();
            if (v instanceof Quota q) { // a platform's, not a worker's: keyed platformId/region
                assertThat(s.key()).isEqualTo(q.getPlatformId() + "/" + q.getRegion());
                assertThat(ids.add(q.getPlatformId() + "|" + q.getEventId())).as("unique event id " + q.getEventId()).isTrue();
                assertThat(s.timestamp()).isEqualTo(q.getOccurredAt().toEpochMilli());
                continue;
            }
            String platformId = (String) v.get(v.getSchema().getField("platformId").pos());
            String workerId = (String) v.get(v.getSchema().getField("workerId").pos());
            String eventId = (String) v.get(v.getSchema().getField("eventId").pos());
            String workerKey = (String) v.get(v.getSchema().getField("workerKey").pos());
            assertThat(s.key()).isEqualTo(Topics.workerKey(platformId, workerId));
            assertThat(workerKey).matches("[0-9a-f]{64}");
            assertThat(ids.add(platformId + "|" + eventId)).as("unique event id " + eventId).isTrue();
            Instant occurredAt = (Instant) v.get(v.getSchema().getField("occurredAt").pos());
            assertThat(s.timestamp()).isEqualTo(occurredAt.toEpochMilli());
        }
    }

    @Test
    void eachWorkersEventsAreInTimeOrderAndSessionsAreWellFormed() {
        Map<String, String> state = new HashMap<>(); // key -> OUT, ONLINE, BREAK
        Map<String, Long> last = new HashMap<>();
        Map<String, List<OrderEventType>> orders = new HashMap<>();
        for (Sent s : sent) {
            assertThat(s.timestamp()).isGreaterThanOrEqualTo(last.getOrDefault(s.key(), Long.MIN_VALUE));
            last.put(s.key(), s.timestamp());
            if (s.value() instanceof SessionEvent e) {
                String now = state.getOrDefault(s.key(), "OUT");
                String next = switch (e.getType()) {
                    case LOGIN -> now.equals("OUT") ? "ONLINE" : "bad";
                    case BREAK_START -> now.equals("ONLINE") ? "BREAK" : "bad";
                    case BREAK_END -> now.equals("BREAK") ? "ONLINE" : "bad";
                    case LOGOUT -> now.equals("ONLINE") ? "OUT" : "bad";
                    case INCIDENT -> now.equals("ONLINE") ? now : "bad";
                };
                assertThat(next).as(e.getType() + " after " + now + " for " + s.key()).isNotEqualTo("bad");
                state.put(s.key(), next);
            } else if (s.value() instanceof OrderEvent e) {
                assertThat(state.get(s.key())).as("orders only while online, not on a break").isEqualTo("ONLINE");
                orders.computeIfAbsent(e.getOrderId(), id -> new ArrayList<>()).add(e.getType());
            }
        }
        assertThat(state.values()).as("everyone logged out at the end").allMatch("OUT"::equals);
        for (List<OrderEventType> steps : orders.values()) {
            assertThat(steps.subList(0, 2)).containsExactly(OrderEventType.OFFERED, OrderEventType.ACCEPTED);
            assertThat(steps).hasSizeBetween(3, 4);
            assertThat(steps.get(steps.size() - 1)).isIn(OrderEventType.DELIVERED, OrderEventType.CANCELLED);
            if (steps.size() == 4) {
                assertThat(steps.get(2)).isEqualTo(OrderEventType.PICKED_UP);
            }
        }
        assertThat(sent).as("incidents reported").anyMatch(s -> s.value() instanceof SessionEvent e
                && e.getType() == SessionEventType.INCIDENT && e.getDetails() != null);
        long stacked = countOverlappingOrders();
        assertThat(stacked).as("orders carried two at a time").isPositive();
    }

    @Test
    void onlyDeliveriesArePaidAndAmountsAreNeverNegative() {
        for (Sent s : sent) {
            if (s.value() instanceof OrderEvent e) {
                boolean delivered = e.getType() == OrderEventType.DELIVERED;
                assertThat(e.getBasePay() != null).isEqualTo(delivered);
                if (delivered) {
                    assertThat(e.getBasePay()).isPositive();
                    assertThat(e.getIncentivePay()).isNotNegative();
                }
            } else if (s.value() instanceof PayoutEvent p) {
                assertThat(p.getLines()).isNotEmpty().allMatch(l -> l.getAmount() >= 0);
                assertThat(p.getPeriodEnd()).isBefore(Instant.ofEpochMilli(s.timestamp())
                        .atZone(ZoneId.of("Asia/Shanghai")).toLocalDate());
            }
        }
    }

    @Test
    void someIncidentsAreInsuredByAnotherPlatformThanTheAppTheyWereReportedThrough() {
        Map<String, String> personOf = new HashMap<>(); // platformId/workerId -> workerKey
        sent.stream().filter(s -> s.value() instanceof WorkerRegistration)
                .forEach(s -> personOf.put(s.key(), ((WorkerRegistration) s.value()).getWorkerKey()));
        Map<String, ExpectedViolation> findings = new HashMap<>(); // workerKey@instant -> finding
        simulator.groundTruth().violations().stream().filter(v -> v.rule() == Rule.INJURY_RESPONSIBILITY)
                .forEach(v -> findings.put(personOf.get(v.worker()) + "@" + v.windowStart(), v));
        long elsewhere = sent.stream().filter(s -> s.value() instanceof SessionEvent e && e.getType() == SessionEventType.INCIDENT)
                .map(s -> (SessionEvent) s.value())
                .filter(e -> {
                    ExpectedViolation finding = findings.get(e.getWorkerKey() + "@" + e.getOccurredAt());
                    return finding != null && !finding.platformId().equals(e.getPlatformId());
                }).count();
        assertThat(elsewhere).isPositive();
    }

    /** The strongest check: a monitor that saw only these events, judging them in batch, agrees with the truth. */
    @Test
    void theOracleOverTheEventsAloneGivesTheGroundTruth() {
        Map<String, WorkerRegistration> registrations = new LinkedHashMap<>();
        Map<String, List<SessionEvent>> sessions = new HashMap<>();
        Map<String, List<OrderEvent>> orders = new HashMap<>();
        Map<String, List<PayoutEvent>> payouts = new HashMap<>();
        List<PublishedQuota> quotas = new ArrayList<>();
        for (Sent s : sent) {
            if (s.value() instanceof WorkerRegistration r) {
                registrations.put(s.key(), r);
            } else if (s.value() instanceof SessionEvent e) {
                sessions.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(e);
            } else if (s.value() instanceof OrderEvent e) {
                orders.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(e);
            } else if (s.value() instanceof PayoutEvent e) {
                payouts.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(e);
            } else if (s.value() instanceof Quota q) {
                quotas.add(new PublishedQuota(q.getPlatformId(), q.getRegion(), q.getRole(), q.getOrdersPerDay(),
                        q.getEffectiveFrom(), q.getOccurredAt().toEpochMilli()));
            }
        }
        Map<String, List<WorkerRegistration>> people = new LinkedHashMap<>();
        registrations.values().forEach(r -> people.computeIfAbsent(r.getWorkerKey(), k -> new ArrayList<>()).add(r));
        Oracle oracle = new Oracle(simulator.config().rules(), simulator.config().range());
        QuotaOracle quotaOracle = new QuotaOracle(simulator.config().rules(), simulator.config().range());
        List<QuotaOracle.AccountDay> accountDays = new ArrayList<>();
        List<ExpectedViolation> found = new ArrayList<>();
        for (List<WorkerRegistration> person : people.values()) {
            WorkerRegistration first = person.get(0);
            List<Account> accounts = person.stream().map(r -> Account.of(r.getPlatformId(), r.getWorkerId())).toList();
            Worker worker = new Worker(0, first.getWorkerKey(), first.getRegion(), null, first.getCategory(),
                    first.getRole(), accounts);
            List<AccountHistory> histories = accounts.stream().map(a -> new AccountHistory(a,
                    sessionsOf(sessions.getOrDefault(a.key(), List.of())), ordersOf(orders.getOrDefault(a.key(), List.of())),
                    payoutsOf(a, payouts.getOrDefault(a.key(), List.of())),
                    incidentsOf(sessions.getOrDefault(a.key(), List.of())))).toList();
            WorkerHistory history = new WorkerHistory(worker, histories);
            found.addAll(oracle.check(history));
            accountDays.addAll(quotaOracle.days(history));
        }
        found.addAll(quotaOracle.judge(quotas, accountDays));
        // the worlds here are too small for a QUOTA violation (30 workers a day), so compare what it is judged on
        Scenario model = new Scenario(simulator.config().seed(), simulator.config().workers(),
                simulator.config().dualPlatformShare(), simulator.config().violationRate(), simulator.config().rules(),
                simulator.config().range());
        List<String> modelDays = IntStream.range(0, model.size())
                .mapToObj(i -> quotaOracle.days(model.history(i).history())).flatMap(List::stream)
                .map(EventStreamTest::describe).toList();
        assertThat(accountDays.stream().map(EventStreamTest::describe).toList())
                .isNotEmpty().containsExactlyInAnyOrderElementsOf(modelDays);
        assertThat(quotas).as("the quotas published").isEqualTo(simulator.quotas());
        List<ExpectedViolation> truth = simulator.groundTruth().violations().stream().map(v -> v.withInjected(false)).toList();
        assertThat(truth).isNotEmpty();
        assertThat(found).containsExactlyInAnyOrderElementsOf(truth);
    }

    private static List<Session> sessionsOf(List<SessionEvent> events) {
        List<Session> sessions = new ArrayList<>();
        long login = 0;
        long breakStart = 0;
        List<Interval> breaks = new ArrayList<>();
        for (SessionEvent e : events) {
            long at = e.getOccurredAt().toEpochMilli();
            switch (e.getType()) {
                case LOGIN -> {
                    login = at;
                    breaks = new ArrayList<>();
                }
                case BREAK_START -> breakStart = at;
                case BREAK_END -> breaks.add(new Interval(breakStart, at));
                case LOGOUT -> sessions.add(new Session(login, at, breaks));
                default -> { }
            }
        }
        return sessions;
    }

    private static String describe(QuotaOracle.AccountDay d) {
        return d.platformId() + "/" + d.region() + "/" + d.role() + "@" + d.day() + " worked " + d.workedMs()
                + " deliveries at " + Arrays.toString(d.workedAt()) + " legal " + d.legalMs();
    }

    private static List<Incident> incidentsOf(List<SessionEvent> events) {
        return events.stream().filter(e -> e.getType() == SessionEventType.INCIDENT)
                .map(e -> new Incident(e.getOccurredAt().toEpochMilli(), e.getDetails())).toList();
    }

    private static List<Order> ordersOf(List<OrderEvent> events) {
        Map<String, long[]> times = new LinkedHashMap<>(); // offered, accepted, picked up, ended
        Map<String, OrderEvent> ends = new HashMap<>();
        for (OrderEvent e : events) {
            long[] t = times.computeIfAbsent(e.getOrderId(), id -> new long[] {0, 0, -1, 0});
            long at = e.getOccurredAt().toEpochMilli();
            switch (e.getType()) {
                case OFFERED -> t[0] = at;
                case ACCEPTED -> t[1] = at;
                case PICKED_UP -> t[2] = at;
                default -> {
                    t[3] = at;
                    ends.put(e.getOrderId(), e);
                }
            }
        }
        List<Order> orders = new ArrayList<>();
        times.forEach((id, t) -> {
            OrderEvent end = ends.get(id);
            boolean delivered = end.getType() == OrderEventType.DELIVERED;
            orders.add(new Order(id, t[0], t[1], t[2], t[3], delivered, delivered ? end.getBasePay() : 0,
                    delivered ? end.getIncentivePay() : 0, end.getTip() == null ? 0 : end.getTip(), 0));
        });
        return orders;
    }

    private static List<Payout> payoutsOf(Account account, List<PayoutEvent> events) {
        return events.stream().map(e -> new Payout(e.getPayoutId(), account, e.getPaidAt().toEpochMilli(), e.getPeriodStart(),
                e.getPeriodEnd(), e.getLines().stream().map((PayoutLine l) -> new PayLine(l.getType(), l.getAmount(),
                        l.getReference())).toList())).toList();
    }

    private static long countOverlappingOrders() {
        Map<String, Integer> carrying = new HashMap<>();
        long overlapping = 0;
        for (Sent s : sent) {
            if (s.value() instanceof OrderEvent e) {
                if (e.getType() == OrderEventType.ACCEPTED) {
                    int now = carrying.merge(s.key(), 1, Integer::sum);
                    if (now > 1) {
                        overlapping++;
                    }
                } else if (e.getType() == OrderEventType.DELIVERED || e.getType() == OrderEventType.CANCELLED) {
                    carrying.merge(s.key(), -1, Integer::sum);
                }
            }
        }
        return overlapping;
    }
}
