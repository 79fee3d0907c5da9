package org.gigwatch.streams.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.gigwatch.avro.CategoryParameters;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.HolidayCalendarEntry;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.LateEvent;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.PayoutLine;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.RulePublisher;
import org.gigwatch.streams.workingtime.StreamTopics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pay topology on {@link TopologyTestDriver}: rule data from its topics, WorkingDay records fed by hand (as the
 * working-time topology would), time moved only by records and ticks (null values on the orders topic).
 */
class PayTopologyTest {
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final String ACCOUNT = "swiftmeal/w1";

    private final String registry = "mock://pay-" + UUID.randomUUID();
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, MinimumWage> wages;
    private TestInputTopic<String, HolidayCalendarEntry> holidays;
    private TestInputTopic<String, CategoryParameters> categories;
    private TestInputTopic<String, OrderEvent> orders;
    private TestInputTopic<String, PayoutEvent> payouts;
    private TestInputTopic<String, WorkerRegistration> registrations;
    private TestInputTopic<String, WorkingDay> workingDays;
    private TestOutputTopic<String, Violation> violations;
    private TestOutputTopic<String, LateEvent> late;
    private RulePack pack;
    private ZoneId zone;
    private int seq;

    private void start(RulePack rules, String region) {
        start(rules, region, StreamTopics.LIVE);
    }

    private void start(RulePack rules, String region, StreamTopics topics) {
        pack = rules;
        seq = 0;
        zone = rules.region(region).zone();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pay-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(UUID.randomUUID().toString()).toString());
        driver = new TopologyTestDriver(PayTopology.buildTopology(PayConfig.defaults(registry).withRules(rules).withGrace(GRACE),
                topics), props);
        StringSerializer keys = new StringSerializer();
        wages = driver.createInputTopic(topics.minimumWages(), keys, AvroSerde.specific(MinimumWage.class, registry).serializer());
        holidays = driver.createInputTopic(topics.holidays(), keys, AvroSerde.specific(HolidayCalendarEntry.class, registry).serializer());
        categories = driver.createInputTopic(topics.categories(), keys, AvroSerde.specific(CategoryParameters.class, registry).serializer());
        orders = driver.createInputTopic(topics.orders(), keys, AvroSerde.specific(OrderEvent.class, registry).serializer());
        payouts = driver.createInputTopic(topics.payouts(), keys, AvroSerde.specific(PayoutEvent.class, registry).serializer());
        registrations = driver.createInputTopic(topics.registrations(), keys,
                AvroSerde.specific(WorkerRegistration.class, registry).serializer());
        workingDays = driver.createInputTopic(topics.workingDays(), keys, AvroSerde.specific(WorkingDay.class, registry).serializer());
        violations = driver.createOutputTopic(topics.violations(), new StringDeserializer(),
                AvroSerde.specific(Violation.class, registry).deserializer());
        late = driver.createOutputTopic(topics.late(), new StringDeserializer(),
                AvroSerde.specific(LateEvent.class, registry).deserializer());
        publish(rules.minimumWages());
        rules.categoryParameters().forEach(this::publish);
        rules.holidays().forEach(h -> holidays.pipeInput(h.getCalendar() + "/" + h.getDate(), h));
    }

    /** As RulePublisher keys them. */
    private void publish(List<MinimumWage> entries) {
        entries.forEach(w -> wages.pipeInput(w.getRegion() + "/" + w.getEffectiveFrom(), w));
    }

    private void publish(CategoryParameters entry) {
        categories.pipeInput(RulePublisher.categoryKey(entry), entry);
    }

    /** The cn pack's entry for {@code category}, changed as {@code change} says, in force from {@code from}. */
    private static CategoryParameters change(EmploymentCategory category, LocalDate from,
                                             java.util.function.UnaryOperator<CategoryParameters.Builder> change) {
        CategoryParameters current = RulePack.shipped("cn").categoryParameters().stream()
                .filter(p -> p.getCategory().equals(category.name())).findFirst().orElseThrow();
        return change.apply(CategoryParameters.newBuilder(current).setEffectiveFrom(from)).build();
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private long at(LocalDate day, String localTime) {
        return day.atTime(java.time.LocalTime.parse(localTime)).atZone(zone).toInstant().toEpochMilli();
    }

    private long midnight(LocalDate day) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private void register(String region, EmploymentCategory category) {
        registrations.pipeInput(ACCOUNT, WorkerRegistration.newBuilder().setEventId("reg-" + ACCOUNT).setPlatformId("swiftmeal")
                .setWorkerId("w1").setRegion(region).setOccurredAt(Instant.ofEpochMilli(0)).setCategory(category)
                .setHomeRegion(region).build());
    }

    private OrderEvent delivered(String region, String currency, long at, long base, long incentive, long tip) {
        String orderId = "w1-" + (++seq);
        return OrderEvent.newBuilder().setEventId(orderId + "-d").setPlatformId("swiftmeal").setWorkerId("w1")
                .setRegion(region).setOccurredAt(Instant.ofEpochMilli(at)).setOrderId(orderId)
                .setType(OrderEventType.DELIVERED).setCurrency(currency).setBasePay(base).setIncentivePay(incentive)
                .setTip(tip == 0 ? null : tip).build();
    }

    private void order(OrderEvent event) {
        orders.pipeInput(ACCOUNT, event, event.getOccurredAt().toEpochMilli());
    }

    private void workingDay(String region, LocalDate day, long onlineMs, long orderMs) {
        workingDays.pipeInput(ACCOUNT, WorkingDay.newBuilder().setPlatformId("swiftmeal").setWorkerId("w1").setRegion(region)
                .setCategory(null).setDay(day).setDayStart(Instant.ofEpochMilli(midnight(day)))
                .setDayEnd(Instant.ofEpochMilli(midnight(day.plusDays(1)))).setOnlineMillis(onlineMs)
                .setOrderMillis(orderMs).build(), midnight(day.plusDays(1)) + GRACE.toMillis());
    }

    private void payout(String id, long paidAt, Object... typeAndAmount) {
        List<PayoutLine> lines = new ArrayList<>();
        for (int i = 0; i < typeAndAmount.length; i += 2) {
            lines.add(new PayoutLine((PayoutLineType) typeAndAmount[i], ((Number) typeAndAmount[i + 1]).longValue(), null));
        }
        LocalDate paid = Instant.ofEpochMilli(paidAt).atZone(zone).toLocalDate();
        payouts.pipeInput(ACCOUNT, PayoutEvent.newBuilder().setEventId("pay-" + id).setPlatformId("swiftmeal").setWorkerId("w1")
                .setRegion("310000").setOccurredAt(Instant.ofEpochMilli(paidAt)).setPayoutId(id)
                .setPeriodStart(paid.minusDays(7)).setPeriodEnd(paid.minusDays(1)).setPaidAt(Instant.ofEpochMilli(paidAt))
                .setCurrency("CNY").setLines(lines).build(), paidAt);
    }

    /** A clock tick on every input partition (one here): stream time moves to {@code at}. */
    private void tick(long at) {
        orders.pipeInput(new TestRecord<>("~tick", null, Instant.ofEpochMilli(at)));
    }

    private static final LocalDate DEC31 = LocalDate.of(2023, 12, 31);
    private static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);

    /** Wenzhou: 22 CNY/h through 2023, 24 from 2024. Two hours a day paid 45 CNY both days. */
    private List<Violation> wenzhouAcrossNewYear(Runnable beforeTheData) {
        return wenzhouAcrossNewYear(StreamTopics.LIVE, beforeTheData);
    }

    private List<Violation> wenzhouAcrossNewYear(StreamTopics topics, Runnable beforeTheData) {
        start(RulePack.shipped("cn"), "330300", topics);
        beforeTheData.run();
        register("330300", EmploymentCategory.MANAGED_NON_EMPLOYEE);
        order(delivered("330300", "CNY", at(DEC31, "12:00"), 4000, 500, 300)); // the tip is not pay
        order(delivered("330300", "CNY", at(JAN1, "12:00"), 4000, 500, 0));
        workingDay("330300", DEC31, 7_200_000L, 3_000_000L);
        workingDay("330300", JAN1, 7_200_000L, 3_000_000L);
        tick(midnight(JAN1.plusDays(1)) + GRACE.toMillis());
        return violations.readValuesToList();
    }

    @Test
    void theMinimumIsTheOneInForceOnTheDay() {
        List<Violation> found = wenzhouAcrossNewYear(() -> {});
        // 31 December at 22 CNY/h: 4400 due, 4500 paid. 1 January at 24: 4800 due; a holiday too, paid as a normal day
        assertThat(found).extracting(Violation::getRuleId, Violation::getWindowStart, Violation::getMeasured,
                        Violation::getThreshold, Violation::getShortfall)
                .containsExactly(tuple("MIN_WAGE", Instant.ofEpochMilli(midnight(JAN1)), 4500L, 4800L, 300L),
                        tuple("HOLIDAY_PAY", Instant.ofEpochMilli(midnight(JAN1)), 2250L, 2250L, 1L));
        Violation v = found.get(0);
        assertThat(v.getRuleDataVersion()).startsWith("gigwatch.rules.minimum-wages#330300/2024-01-01");
        assertThat(v.getScope()).isEqualTo(Scope.PLATFORM);
        assertThat(v.getWorkerKey()).isEqualTo(ACCOUNT);
        assertThat(v.getCurrency()).isEqualTo("CNY");
        assertThat(v.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(midnight(JAN1.plusDays(1))));
        assertThat(v.getEvidenceEventIds()).containsExactly("w1-2-d");
        assertThat(v.getDetails()).containsEntry("orders", "w1-2-d=4500").containsEntry("workedMillis", "7200000")
                .containsEntry("workingTime", "ONLINE").containsEntry("category", "MANAGED_NON_EMPLOYEE");
    }

    @Test
    void theEvidenceNamesTheRuleTopicsTheEntriesWereReadFromAWhatIfReplaysOwn() {
        String run = "gigwatch.replay.what-if.";
        StreamTopics whatIf = new StreamTopics(run + "sessions", run + "orders", run + "registrations", run + "payouts",
                run + "worktime.days", run + "violations", run + "late", run + "rules.minimum-wages", run + "rules.holidays",
                run + "rules.categories");
        String category = " gigwatch.replay.what-if.rules.categories#cn/MANAGED_NON_EMPLOYEE/2000-01-01";
        assertThat(wenzhouAcrossNewYear(whatIf, () -> {})).extracting(Violation::getRuleId, Violation::getRuleDataVersion)
                .containsExactly(tuple("MIN_WAGE", "gigwatch.replay.what-if.rules.minimum-wages#330300/2024-01-01" + category),
                        tuple("HOLIDAY_PAY", "gigwatch.replay.what-if.rules.holidays#2024-01-01" + category));
        close();
        // live: the live topics, the same entries
        assertThat(wenzhouAcrossNewYear(() -> {})).extracting(Violation::getRuleDataVersion).containsExactly(
                "gigwatch.rules.minimum-wages#330300/2024-01-01 gigwatch.rules.categories#cn/MANAGED_NON_EMPLOYEE/2000-01-01",
                "gigwatch.rules.holidays#2024-01-01 gigwatch.rules.categories#cn/MANAGED_NON_EMPLOYEE/2000-01-01");
    }

    @Test
    void aMinimumWageChangePublishedForAFutureDateLeavesPastDaysAsTheyWere() {
        List<Violation> before = wenzhouAcrossNewYear(() -> {});
        close();
        MinimumWage future = MinimumWage.newBuilder(RulePack.shipped("cn").minimumWageOn("330300", JAN1).orElseThrow())
                .setEffectiveFrom(LocalDate.of(2024, 7, 1)).setHourly(9_999).build();
        List<Violation> replayed = wenzhouAcrossNewYear(() -> publish(List.of(future)));
        assertThat(replayed).isNotEmpty().isEqualTo(before);
    }

    /**
     * Shanghai, MANAGED_NON_EMPLOYEE: 10,000 earned on 1 October, paid 12 October 10:00; 10,000 earned on 20 October,
     * paid 2 November 10:00. With 15 days' delay both are on time (due 17 October and 5 November).
     */
    private List<Violation> arrearsAroundADelayChange(List<CategoryParameters> published) {
        start(RulePack.shipped("cn"), "310000");
        published.forEach(this::publish);
        register("310000", EmploymentCategory.MANAGED_NON_EMPLOYEE);
        LocalDate oct1 = LocalDate.of(2025, 10, 1);
        LocalDate oct20 = LocalDate.of(2025, 10, 20);
        order(delivered("310000", "CNY", at(oct1, "12:00"), 9_000, 500, 500));
        payout("p1", at(LocalDate.of(2025, 10, 12), "10:00"), PayoutLineType.BASE, 9_000, PayoutLineType.INCENTIVE, 500,
                PayoutLineType.TIP, 500);
        order(delivered("310000", "CNY", at(oct20, "12:00"), 9_000, 500, 500));
        payout("p2", at(LocalDate.of(2025, 11, 2), "10:00"), PayoutLineType.BASE, 9_000, PayoutLineType.INCENTIVE, 500,
                PayoutLineType.TIP, 500);
        tick(midnight(LocalDate.of(2025, 11, 4)) + GRACE.toMillis());
        return violations.readValuesToList();
    }

    @Test
    void aShorterPayDelayFromADayAppliesToEarningsFromThatDayOnly() {
        assertThat(arrearsAroundADelayChange(List.of())).isEmpty();
        close();

        LocalDate oct15 = LocalDate.of(2025, 10, 15);
        List<Violation> found = arrearsAroundADelayChange(List.of(
                change(EmploymentCategory.MANAGED_NON_EMPLOYEE, oct15, b -> b.setMaximumPayDelayDays(10))));
        // 1 October keeps its 15 days (paid on day 11: fine, though 10 days would make it late); 20 October's
        // earnings are due at the start of 31 October (20 + 10 + 1): OPEN then, RESOLVED by the check of
        // 23 October's at 3 November, the first after the payout of 2 November
        assertThat(found).extracting(Violation::getRuleId, Violation::getStatus, Violation::getWindowStart,
                        Violation::getWindowEnd, Violation::getMeasured)
                .containsExactly(
                        tuple("WAGE_ARREARS", ViolationStatus.OPEN, Instant.ofEpochMilli(midnight(LocalDate.of(2025, 10, 20))),
                                Instant.ofEpochMilli(midnight(LocalDate.of(2025, 10, 31))), 10_000L),
                        tuple("WAGE_ARREARS", ViolationStatus.RESOLVED, Instant.ofEpochMilli(midnight(LocalDate.of(2025, 10, 20))),
                                Instant.ofEpochMilli(midnight(LocalDate.of(2025, 10, 31))), 10_000L));
        assertThat(found.get(0).getRuleDataVersion()).isEqualTo("gigwatch.rules.categories#cn/MANAGED_NON_EMPLOYEE/2025-10-15");
        assertThat(found.get(1).getDetails()).containsEntry("checkedAt", Instant.ofEpochMilli(midnight(LocalDate.of(2025, 11, 3))).toString());
    }

    @Test
    void aPayoutAfterArrearsStopBeingJudgedStillSettlesEarlierEarnings() {
        // arrears off from 10 October: 1 October's earnings are still checked (at 17 October) and the payout of the
        // 12th settles them; 20 October's are not judged
        assertThat(arrearsAroundADelayChange(List.of(change(EmploymentCategory.MANAGED_NON_EMPLOYEE,
                LocalDate.of(2025, 10, 10), b -> b.setWageArrears(false).setMaximumPayDelayDays(null))))).isEmpty();
    }

    @Test
    void aLongerJudgedMinimumFromADayLeavesTheDaysBeforeItJudged() {
        start(RulePack.shipped("cn"), "330300");
        publish(change(EmploymentCategory.MANAGED_NON_EMPLOYEE, JAN1, b -> b.setMinimumJudgedMinutes(120)));
        register("330300", EmploymentCategory.MANAGED_NON_EMPLOYEE);
        // 90 minutes each day, paid 1 CNY: judged on 31 December (60 minutes suffice), not on 1 January (120 needed)
        order(delivered("330300", "CNY", at(DEC31, "12:00"), 100, 0, 0));
        order(delivered("330300", "CNY", at(JAN1, "12:00"), 100, 0, 0));
        workingDay("330300", DEC31, 5_400_000L, 0);
        workingDay("330300", JAN1, 5_400_000L, 0);
        tick(midnight(JAN1.plusDays(1)) + GRACE.toMillis());
        List<Violation> found = violations.readValuesToList();
        // 22 CNY/h × 1.5 h = 3300 due on 31 December
        assertThat(found).extracting(Violation::getRuleId, Violation::getWindowStart, Violation::getMeasured,
                        Violation::getThreshold)
                .containsExactly(tuple("MIN_WAGE", Instant.ofEpochMilli(midnight(DEC31)), 100L, 3300L));
        assertThat(found.get(0).getRuleDataVersion()).endsWith("gigwatch.rules.categories#cn/MANAGED_NON_EMPLOYEE/2000-01-01");
    }

    @Test
    void withoutCategoryParametersInForceADayIsNotJudged() {
        start(RulePack.shipped("cn"), "330300");
        categories.pipeInput("cn/MANAGED_NON_EMPLOYEE/2000-01-01", null); // the entry deleted (a tombstone)
        register("330300", EmploymentCategory.MANAGED_NON_EMPLOYEE);
        order(delivered("330300", "CNY", at(JAN1, "12:00"), 100, 0, 0));
        workingDay("330300", JAN1, 7_200_000L, 0);
        tick(midnight(JAN1.plusDays(1)) + GRACE.toMillis());
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void aDayIsJudgedOnceItsWorkingTimeHasComeAndStreamTimeHasPassedItsEndPlusTheGrace() {
        start(RulePack.shipped("cn"), "330300");
        register("330300", EmploymentCategory.LABOR_CONTRACT);
        order(delivered("330300", "CNY", at(JAN1, "23:55"), 1000, 0, 0));
        workingDays.pipeInput(ACCOUNT, WorkingDay.newBuilder().setPlatformId("swiftmeal").setWorkerId("w1").setRegion("330300")
                .setDay(JAN1).setDayStart(Instant.ofEpochMilli(midnight(JAN1))).setDayEnd(Instant.ofEpochMilli(midnight(JAN1.plusDays(1))))
                .setOnlineMillis(3_600_000L).setOrderMillis(0).build()); // early: the day's pay is not complete yet
        order(delivered("330300", "CNY", at(JAN1.plusDays(1), "00:05"), 99_999, 0, 0)); // the next day's pay
        tick(midnight(JAN1.plusDays(1)) + GRACE.toMillis() - 1);
        assertThat(violations.isEmpty()).isTrue();
        tick(midnight(JAN1.plusDays(1)) + GRACE.toMillis());
        assertThat(violations.readValuesToList()).extracting(Violation::getMeasured, Violation::getShortfall)
                .containsExactly(tuple(1000L, 1400L));
        // the same day again (a repeated WorkingDay) is not judged twice
        workingDay("330300", JAN1, 3_600_000L, 0);
        tick(midnight(JAN1.plusDays(2)) + GRACE.toMillis());
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void aDayUnderSixtyMinutesIsNotJudged() {
        start(RulePack.shipped("cn"), "330300");
        register("330300", EmploymentCategory.MANAGED_NON_EMPLOYEE);
        order(delivered("330300", "CNY", at(JAN1, "12:00"), 1, 0, 0));
        workingDay("330300", JAN1, 3_599_999L, 0);
        tick(midnight(JAN1.plusDays(2)));
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void lateOrdersGoToTheLateTopicWithTheReasonAndDuplicatesCountOnce() {
        start(RulePack.shipped("cn"), "330300");
        register("330300", EmploymentCategory.MANAGED_NON_EMPLOYEE);
        OrderEvent first = delivered("330300", "CNY", at(JAN1, "10:00"), 2400, 0, 0);
        order(first);
        order(first); // a repeat: the day's pay stays 2400
        order(delivered("330300", "CNY", at(JAN1, "10:30"), 0, 0, 0)); // stream time 10:30
        OrderEvent tooLate = delivered("330300", "CNY", at(JAN1, "10:19:59"), 50_000, 0, 0);
        order(tooLate);
        workingDay("330300", JAN1, 7_200_000L, 0);
        tick(midnight(JAN1.plusDays(1)) + GRACE.toMillis());

        assertThat(violations.readValuesToList()).extracting(Violation::getMeasured, Violation::getShortfall)
                .containsExactly(tuple(2400L, 2400L));
        LateEvent lateEvent = late.readValue();
        assertThat(lateEvent.getSourceTopic()).isEqualTo(Topics.ORDERS);
        assertThat(lateEvent.getEventId()).isEqualTo(tooLate.getEventId());
        assertThat(lateEvent.getReason()).contains("more than PT10M before stream time");
        byte[] payload = new byte[lateEvent.getPayload().remaining()];
        lateEvent.getPayload().duplicate().get(payload);
        assertThat(AvroSerde.specific(OrderEvent.class, registry).deserializer().deserialize(Topics.ORDERS, payload))
                .isEqualTo(tooLate);
        assertThat(late.isEmpty()).isTrue();
    }

    @Test
    void aHolidayPaidAtTheNormalRateIsFoundWithItsEvidence() {
        start(RulePack.shipped("cn"), "310000");
        LocalDate holiday = LocalDate.of(2025, 10, 1);
        register("310000", EmploymentCategory.MANAGED_NON_EMPLOYEE);
        order(delivered("310000", "CNY", at(holiday.minusDays(1), "12:00"), 12_000, 0, 0));
        workingDay("310000", holiday.minusDays(1), 14_400_000L, 0);
        order(delivered("310000", "CNY", at(holiday, "12:00"), 6_000, 0, 0));
        workingDay("310000", holiday, 7_200_000L, 0);
        tick(midnight(holiday.plusDays(1)) + GRACE.toMillis());
        assertThat(violations.readValuesToList()).extracting(Violation::getRuleId, Violation::getMeasured,
                        Violation::getThreshold, Violation::getShortfall, Violation::getUnit)
                .containsExactly(tuple("HOLIDAY_PAY", 3000L, 3000L, 1L, "MINOR_UNITS_PER_HOUR"));
    }

    @Test
    void depositsArrearsAndFinesThroughTheTopology() {
        start(RulePack.shipped("cn"), "310000");
        register("310000", EmploymentCategory.MANAGED_NON_EMPLOYEE);
        LocalDate oct1 = LocalDate.of(2025, 10, 1);
        order(delivered("310000", "CNY", at(oct1, "12:00"), 9_000, 500, 500)); // earns 10,000 with the tip
        payout("p1", at(oct1.plusDays(6), "10:00"), PayoutLineType.DEPOSIT, 20_000);
        long due = midnight(oct1.plusDays(16));
        payout("p2", due + 86_400_000L, PayoutLineType.BASE, 9_000, PayoutLineType.INCENTIVE, 500,
                PayoutLineType.TIP, 500, PayoutLineType.FINE, 2_001); // one day late; fines 20.01% of October's pay
        tick(midnight(LocalDate.of(2025, 11, 1)) + GRACE.toMillis());

        List<Violation> found = violations.readValuesToList();
        assertThat(found).extracting(Violation::getRuleId, Violation::getStatus, Violation::getWindowStart,
                        Violation::getWindowEnd, Violation::getMeasured)
                .containsExactly(
                        tuple("DEPOSIT", ViolationStatus.OPEN, Instant.ofEpochMilli(at(oct1.plusDays(6), "10:00")),
                                Instant.ofEpochMilli(at(oct1.plusDays(6), "10:00")), 20_000L),
                        tuple("WAGE_ARREARS", ViolationStatus.OPEN, Instant.ofEpochMilli(midnight(oct1)), Instant.ofEpochMilli(due), 10_000L),
                        tuple("WAGE_ARREARS", ViolationStatus.RESOLVED, Instant.ofEpochMilli(midnight(oct1)), Instant.ofEpochMilli(due), 10_000L),
                        tuple("WITHHELD_PAY", ViolationStatus.OPEN, Instant.ofEpochMilli(midnight(oct1)),
                                Instant.ofEpochMilli(midnight(LocalDate.of(2025, 11, 1))), 2_001L));
        assertThat(found.get(1).getAlertId()).isEqualTo(found.get(2).getAlertId());
        assertThat(found.get(3).getEvidenceEventIds()).containsExactly("pay-p2");
    }

    @Test
    void theNewYorkPackJudgesEngagedTimeInDollarsOnNewYorkDays() {
        start(RulePack.shipped("nyc"), "3651000");
        register("3651000", EmploymentCategory.INDEPENDENT);
        LocalDate mar31 = LocalDate.of(2024, 3, 31);
        LocalDate apr1 = LocalDate.of(2024, 4, 1);
        // 5 h online, 3 h engaged: $17.96 × 3 = $53.88 on 31 March, $19.56 × 3 = $58.68 from 1 April (before tips)
        order(delivered("3651000", "USD", at(mar31, "19:00"), 5_000, 388, 700));
        workingDay("3651000", mar31, 18_000_000L, 10_800_000L);
        order(delivered("3651000", "USD", at(apr1, "19:00"), 5_000, 867, 700));
        workingDay("3651000", apr1, 18_000_000L, 10_800_000L);
        tick(midnight(apr1.plusDays(1)) + GRACE.toMillis());
        List<Violation> found = violations.readValuesToList();
        assertThat(found).extracting(Violation::getRuleId, Violation::getWindowStart, Violation::getMeasured,
                        Violation::getThreshold, Violation::getShortfall, Violation::getCurrency)
                .containsExactly(tuple("MIN_WAGE", Instant.parse("2024-04-01T04:00:00Z"), 5867L, 5868L, 1L, "USD"));
        assertThat(found.get(0).getDetails()).containsEntry("workingTime", "ORDER").containsEntry("orderMillis", "10800000");
        assertThat(found.get(0).getRuleDataVersion()).startsWith("gigwatch.rules.minimum-wages#3651000/2024-04-01")
                .contains("gigwatch.rules.categories#nyc/INDEPENDENT/2000-01-01");
    }
}
