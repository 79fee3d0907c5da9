package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.LateEvent;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.WorkingTimeBasis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on {@link TopologyTestDriver}, time driven explicitly: stream time moves only with the records piped
 * in (events, and ticks: null values on the sessions topic), as it would on a quiet partition.
 */
class WorkingTimeTopologyTest {
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final String PERSON = "person-key-1";

    private final String registry = "mock://working-time-" + UUID.randomUUID();
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SessionEvent> sessions;
    private TestInputTopic<String, OrderEvent> orders;
    private TestInputTopic<String, WorkerRegistration> registrations;
    private TestOutputTopic<String, Violation> violations;
    private TestOutputTopic<String, LateEvent> late;
    private TestOutputTopic<String, WorkingDay> workingDays;
    private int eventSeq;

    private void start(Duration grace) {
        start(WorkingTimeConfig.defaults(registry).withGrace(grace).withUpstreamPartitions(1));
    }

    private void start(WorkingTimeConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "working-time-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(WorkingTimeTopology.buildTopology(config), props);
        sessions = driver.createInputTopic(Topics.SESSIONS, new StringSerializer(),
                AvroSerde.specific(SessionEvent.class, registry).serializer());
        orders = driver.createInputTopic(Topics.ORDERS, new StringSerializer(),
                AvroSerde.specific(OrderEvent.class, registry).serializer());
        registrations = driver.createInputTopic(Topics.REGISTRATIONS, new StringSerializer(),
                AvroSerde.specific(WorkerRegistration.class, registry).serializer());
        violations = driver.createOutputTopic(Topics.VIOLATIONS, new StringDeserializer(),
                AvroSerde.specific(Violation.class, registry).deserializer());
        late = driver.createOutputTopic(Topics.LATE, new StringDeserializer(),
                AvroSerde.specific(LateEvent.class, registry).deserializer());
        workingDays = driver.createOutputTopic(Topics.WORKING_DAYS, new StringDeserializer(),
                AvroSerde.specific(WorkingDay.class, registry).deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private static long at(String localTime) {
        return Instant.parse("2025-09-29T" + (localTime.length() == 5 ? localTime + ":00" : localTime) + "+08:00").toEpochMilli();
    }

    private void register(String platform, String worker, EmploymentCategory category) {
        registrations.pipeInput(Topics.workerKey(platform, worker), WorkerRegistration.newBuilder()
                .setEventId("reg-" + platform + "-" + worker).setPlatformId(platform).setWorkerId(worker)
                .setWorkerKey(PERSON).setRegion("310000").setOccurredAt(Instant.ofEpochMilli(at("00:00") - 3_600_000))
                .setCategory(category).setHomeRegion("310000").build(), at("00:00") - 3_600_000);
    }

    private SessionEvent event(String platform, String worker, SessionEventType type, long at) {
        return SessionEvent.newBuilder().setEventId(worker + "-s" + (eventSeq++)).setPlatformId(platform)
                .setWorkerId(worker).setWorkerKey(PERSON).setRegion("310000").setOccurredAt(Instant.ofEpochMilli(at))
                .setType(type).build();
    }

    private void send(SessionEvent event) {
        sessions.pipeInput(Topics.workerKey(event.getPlatformId(), event.getWorkerId()), event,
                event.getOccurredAt().toEpochMilli());
    }

    private SessionEvent send(String platform, String worker, SessionEventType type, String localTime) {
        SessionEvent event = event(platform, worker, type, at(localTime));
        send(event);
        return event;
    }

    private OrderEvent order(String platform, String worker, String orderId, OrderEventType type, long at) {
        OrderEvent event = OrderEvent.newBuilder().setEventId(orderId + "-" + type + "-" + (eventSeq++)).setPlatformId(platform)
                .setWorkerId(worker).setWorkerKey(PERSON).setRegion("310000").setOccurredAt(Instant.ofEpochMilli(at))
                .setOrderId(orderId).setType(type).build();
        orders.pipeInput(Topics.workerKey(platform, worker), event, at);
        return event;
    }

    private OrderEvent order(String platform, String worker, String orderId, OrderEventType type, String localTime) {
        return order(platform, worker, orderId, type, at(localTime));
    }

    /** A clock tick: moves stream time of the (only) partition and nothing else. */
    private void tick(long at) {
        sessions.pipeInput(new TestRecord<>("~tick", null, Instant.ofEpochMilli(at)));
    }

    @Test
    void theAlertAppearsAsSoonAsStreamTimePassesTheCrossingPlusGraceEvenIfTheWorkerSendsNothing() {
        start(GRACE);
        register("swiftmeal", "w1", EmploymentCategory.INDEPENDENT);
        SessionEvent login = send("swiftmeal", "w1", SessionEventType.LOGIN, "08:00");

        tick(at("12:00") + GRACE.toMillis());          // working time is exactly 240:00 at the released instant
        assertThat(violations.readValuesToList()).isEmpty();

        tick(at("12:00") + GRACE.toMillis() + 1);      // one millisecond over
        List<Violation> alerts = violations.readValuesToList();
        assertThat(alerts).singleElement().satisfies(open -> {
            assertThat(open.getRuleId()).isEqualTo(RestBreakRule.ID);
            assertThat(open.getScope()).isEqualTo(Scope.PLATFORM);
            assertThat(open.getStatus()).isEqualTo(ViolationStatus.OPEN);
            assertThat(open.getWorkerKey()).isEqualTo("swiftmeal/w1");
            assertThat(open.getPlatformId()).isEqualTo("swiftmeal");
            assertThat(open.getRegion()).isEqualTo("310000");
            assertThat(open.getWindowStart()).isEqualTo(Instant.ofEpochMilli(at("08:00")));
            assertThat(open.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(at("12:00")));
            assertThat(open.getThreshold()).isEqualTo(14_400);
            assertThat(open.getUnit()).isEqualTo("SECONDS");
            assertThat(open.getEvidenceEventIds()).containsExactly(login.getEventId());
            assertThat(open.getAlertId()).isEqualTo(Alerts.alertId(RestBreakRule.ID, Scope.PLATFORM, "swiftmeal/w1", at("08:00")));
        });
        tick(at("18:00"));
        assertThat(violations.readValuesToList()).isEmpty(); // one alert per stretch
    }

    @Test
    void theStretchEndsWithAnUpdateOfTheSameAlertAndItsStateIsCleared() {
        start(GRACE);
        register("swiftmeal", "w1", EmploymentCategory.INDEPENDENT);
        send("swiftmeal", "w1", SessionEventType.LOGIN, "08:00");
        SessionEvent logout = send("swiftmeal", "w1", SessionEventType.LOGOUT, "12:30");
        tick(at("12:50") + GRACE.toMillis() - 1);      // 19:59.999 of rest released
        List<Violation> open = violations.readValuesToList();
        assertThat(open).extracting(Violation::getStatus).containsExactly(ViolationStatus.OPEN);
        assertThat(workers().get("swiftmeal/w1")).isNotNull();

        tick(at("12:50") + GRACE.toMillis());          // 20:00 of rest: the stretch is over
        Violation updated = violations.readValue();
        assertThat(updated.getStatus()).isEqualTo(ViolationStatus.UPDATED);
        assertThat(updated.getAlertId()).isEqualTo(open.get(0).getAlertId());
        assertThat(updated.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(at("12:30")));
        assertThat(updated.getMeasured()).isEqualTo(270 * 60);
        assertThat(updated.getEvidenceEventIds()).endsWith(logout.getEventId());
        assertThat(updated.getDetails()).containsEntry("intervals", "2025-09-29T00:00:00Z/2025-09-29T04:30:00Z");
        assertThat(workers().get("swiftmeal/w1").time.stretch).isNull();

        tick(at("00:00") + 86_400_000L + GRACE.toMillis());   // the local day is closed too: nothing is left
        assertThat(workers().get("swiftmeal/w1")).isNull();
        assertThat(timers()).isEmpty();
    }

    @Test
    void twoOverlappingPlatformsAreOverTheLimitOnlyTogether() {
        start(GRACE);
        register("swiftmeal", "a1", EmploymentCategory.INDEPENDENT);
        register("dashbite", "b1", EmploymentCategory.INDEPENDENT);
        send("swiftmeal", "a1", SessionEventType.LOGIN, "08:00");
        send("dashbite", "b1", SessionEventType.LOGIN, "10:30");
        send("swiftmeal", "a1", SessionEventType.LOGOUT, "11:00");   // 180 min on swiftmeal
        send("dashbite", "b1", SessionEventType.LOGOUT, "13:00");    // 150 min on dashbite; 300 min together
        tick(at("14:00") + GRACE.toMillis());

        List<Violation> alerts = violations.readValuesToList();
        assertThat(alerts).allSatisfy(v -> {
            assertThat(v.getScope()).isEqualTo(Scope.CROSS_PLATFORM);
            assertThat(v.getWorkerKey()).isEqualTo(PERSON);
            assertThat(v.getPlatformId()).isNull();
            assertThat(v.getPlatforms()).containsExactly("dashbite", "swiftmeal");
            assertThat(v.getWindowStart()).isEqualTo(Instant.ofEpochMilli(at("08:00")));
            assertThat(v.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(at("12:00")));
        });
        assertThat(alerts).extracting(Violation::getStatus).containsExactly(ViolationStatus.OPEN, ViolationStatus.UPDATED);
        assertThat(alerts.get(1).getMeasured()).isEqualTo(300 * 60);
    }

    @Test
    void outOfOrderDeliveryWithinTheGraceGivesTheResultOfInOrderDelivery() {
        List<SessionEvent> day = new ArrayList<>();
        day.add(event("swiftmeal", "w1", SessionEventType.LOGIN, at("08:00")));
        day.add(event("swiftmeal", "w1", SessionEventType.BREAK_START, at("10:00")));
        day.add(event("swiftmeal", "w1", SessionEventType.BREAK_END, at("10:05")));
        day.add(event("swiftmeal", "w1", SessionEventType.LOGOUT, at("10:08")));
        day.add(event("swiftmeal", "w1", SessionEventType.LOGIN, at("10:12")));
        day.add(event("swiftmeal", "w1", SessionEventType.LOGOUT, at("12:30")));
        day.add(event("swiftmeal", "w1", SessionEventType.LOGIN, at("12:49")));     // 19 min: no rest
        day.add(event("swiftmeal", "w1", SessionEventType.LOGOUT, at("12:55")));

        start(GRACE);
        register("swiftmeal", "w1", EmploymentCategory.LABOR_CONTRACT);
        day.forEach(this::send);
        tick(at("23:59") + 86_400_000L);
        List<Violation> inOrder = violations.readValuesToList();
        assertThat(inOrder).extracting(Violation::getRuleId, Violation::getStatus).containsExactly(
                tuple(RestBreakRule.ID, ViolationStatus.OPEN),
                tuple(RestBreakRule.ID, ViolationStatus.UPDATED));
        assertThat(inOrder.get(1).getMeasured()).isEqualTo((120 + 3 + 138 + 6) * 60);
        driver.close();

        // arrival order shuffled, no event more than 8 minutes behind one already sent: within the 10 minute grace
        List<SessionEvent> shuffled = new ArrayList<>(day);
        Collections.swap(shuffled, 1, 3);   // 10:08 before 10:00
        Collections.swap(shuffled, 6, 7);   // 12:55 before 12:49
        start(GRACE);
        register("swiftmeal", "w1", EmploymentCategory.LABOR_CONTRACT);
        shuffled.forEach(this::send);
        tick(at("23:59") + 86_400_000L);
        assertThat(violations.readValuesToList()).isEqualTo(inOrder);
        assertThat(late.isEmpty()).isTrue();
    }

    @Test
    void eventsOlderThanTheGraceGoToTheLateTopicWithTheReasonAndTheOriginalValue() {
        start(GRACE);
        register("swiftmeal", "w1", EmploymentCategory.INDEPENDENT);
        send("swiftmeal", "w1", SessionEventType.LOGIN, "08:00");
        tick(at("09:00"));
        send("swiftmeal", "w1", SessionEventType.LOGOUT, "08:50");      // 10 min before stream time: still applied
        SessionEvent tooLate = send("swiftmeal", "w1", SessionEventType.LOGIN, "08:49:59");
        OrderEvent lateOrder = order("swiftmeal", "w1", "o1", OrderEventType.ACCEPTED, "08:30");

        TestRecord<String, LateEvent> record = late.readRecord();
        assertThat(record.key()).isEqualTo("swiftmeal/w1");
        assertThat(record.value()).satisfies(event -> {
            assertThat(event.getSourceTopic()).isEqualTo(Topics.SESSIONS);
            assertThat(event.getEventId()).isEqualTo(tooLate.getEventId());
            assertThat(event.getPlatformId()).isEqualTo("swiftmeal");
            assertThat(event.getOccurredAt()).isEqualTo(tooLate.getOccurredAt());
            assertThat(event.getStreamTime()).isEqualTo(Instant.ofEpochMilli(at("09:00")));
            assertThat(event.getReason()).contains("more than PT10M before stream time");
            assertThat(payload(event, SessionEvent.class)).isEqualTo(tooLate);
        });
        LateEvent order = late.readValue();
        assertThat(order.getSourceTopic()).isEqualTo(Topics.ORDERS);
        assertThat(payload(order, OrderEvent.class)).isEqualTo(lateOrder);
        assertThat(late.isEmpty()).isTrue();
        assertThat(metric("late-events-total")).isEqualTo(2.0);
    }

    private <T extends org.apache.avro.specific.SpecificRecord> T payload(LateEvent event, Class<T> type) {
        byte[] bytes = new byte[event.getPayload().remaining()];
        event.getPayload().duplicate().get(bytes);
        return AvroSerde.specific(type, registry).deserializer().deserialize(event.getSourceTopic(), bytes);
    }

    @Test
    void duplicateEventsAreIgnored() {
        start(GRACE);
        register("swiftmeal", "w1", EmploymentCategory.INDEPENDENT);
        SessionEvent login = send("swiftmeal", "w1", SessionEventType.LOGIN, "08:00");
        SessionEvent logout = send("swiftmeal", "w1", SessionEventType.LOGOUT, "08:05");
        send(login);                       // re-sent within the grace: applied, it would be a second LOGIN (an anomaly)
        send(logout);
        tick(at("20:00") + 86_400_000L);   // past the day's end + grace: its state is gone

        assertThat(metric("duplicate-events-total")).isEqualTo(2.0);
        assertThat(metric("session-anomalies-total")).isZero();
        assertThat(late.isEmpty()).isTrue();
        assertThat(workers().get("swiftmeal/w1")).isNull();
    }

    @Test
    void aRepeatOlderThanTheGraceIsLateAndNotApplied() {
        start(GRACE);
        register("swiftmeal", "w1", EmploymentCategory.INDEPENDENT);
        SessionEvent login = send("swiftmeal", "w1", SessionEventType.LOGIN, "08:00");
        send("swiftmeal", "w1", SessionEventType.LOGOUT, "10:00");
        send(login);

        assertThat(late.readValue().getEventId()).isEqualTo(login.getEventId());
        tick(at("20:00") + 86_400_000L);   // past the day's end + grace: its state is gone
        assertThat(violations.isEmpty()).isTrue();
        assertThat(workers().get("swiftmeal/w1")).isNull();
    }

    @Test
    void malformedSessionsFollowTheWrittenRules() {
        start(Duration.ZERO);
        register("swiftmeal", "w1", EmploymentCategory.INDEPENDENT);
        send("swiftmeal", "w1", SessionEventType.LOGOUT, "07:00");      // no LOGIN: no time invented
        send("swiftmeal", "w1", SessionEventType.LOGIN, "08:00");
        send("swiftmeal", "w1", SessionEventType.LOGIN, "09:00");       // second LOGIN: the session goes on from 08:00
        send("swiftmeal", "w1", SessionEventType.BREAK_END, "10:00");   // no BREAK_START: ignored
        send("swiftmeal", "w1", SessionEventType.LOGOUT, "12:00:01");
        tick(at("13:00"));

        List<Violation> alerts = violations.readValuesToList();
        assertThat(alerts).extracting(Violation::getStatus).containsExactly(ViolationStatus.OPEN, ViolationStatus.UPDATED);
        assertThat(alerts.get(1).getWindowStart()).isEqualTo(Instant.ofEpochMilli(at("08:00")));
        assertThat(alerts.get(1).getMeasured()).isEqualTo(14_401);
        assertThat(metric("session-anomalies-total")).isEqualTo(3.0);
    }

    @Test
    void dailyHoursIsJudgedWhenTheLocalDayIsOverInBothScopes() {
        start(GRACE);
        register("swiftmeal", "a1", EmploymentCategory.LABOR_CONTRACT);
        register("dashbite", "b1", EmploymentCategory.LABOR_CONTRACT);
        // 11 h on swiftmeal with 30 min rests, never 4 h in a row; 1 h more on dashbite while swiftmeal rests
        String[][] swiftmeal = {{"07:00", "10:00"}, {"10:30", "13:30"}, {"14:00", "17:00"}, {"17:30", "19:30"}};
        for (String[] piece : swiftmeal) {
            send("swiftmeal", "a1", SessionEventType.LOGIN, piece[0]);
            send("swiftmeal", "a1", SessionEventType.LOGOUT, piece[1]);
        }
        send("dashbite", "b1", SessionEventType.LOGIN, "19:30");
        send("dashbite", "b1", SessionEventType.LOGOUT, "19:31");
        long midnight = at("00:00") + 86_400_000L;
        tick(midnight + GRACE.toMillis() - 1);
        assertThat(violations.isEmpty()).isTrue();

        tick(midnight + GRACE.toMillis());
        List<Violation> alerts = violations.readValuesToList();
        assertThat(alerts).singleElement().satisfies(day -> {
            assertThat(day.getRuleId()).isEqualTo(DailyHoursRule.ID);
            assertThat(day.getScope()).isEqualTo(Scope.CROSS_PLATFORM);
            assertThat(day.getWindowStart()).isEqualTo(Instant.ofEpochMilli(at("00:00")));
            assertThat(day.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(midnight));
            assertThat(day.getMeasured()).isEqualTo(661 * 60);
            assertThat(day.getThreshold()).isEqualTo(660 * 60);
        });
    }

    @Test
    void eachClosedLocalDayIsReportedAsAWorkingDayCutAtLocalMidnightWithoutItsBreak() {
        start(GRACE);
        register("swiftmeal", "w1", EmploymentCategory.LABOR_CONTRACT);
        SessionEvent login = send("swiftmeal", "w1", SessionEventType.LOGIN, "22:00");
        SessionEvent breakStart = send("swiftmeal", "w1", SessionEventType.BREAK_START, "23:00");
        SessionEvent breakEnd = send("swiftmeal", "w1", SessionEventType.BREAK_END, "23:30");
        long midnight = at("00:00") + 86_400_000L;
        tick(midnight + GRACE.toMillis() - 1);
        assertThat(workingDays.isEmpty()).as("the day is not closed before its end + grace").isTrue();

        tick(midnight + GRACE.toMillis());
        TestRecord<String, WorkingDay> first = workingDays.readRecord();
        assertThat(first.key()).isEqualTo("swiftmeal/w1");
        assertThat(first.timestamp()).isEqualTo(midnight);
        assertThat(first.value()).satisfies(day -> {
            assertThat(day.getPlatformId()).isEqualTo("swiftmeal");
            assertThat(day.getWorkerId()).isEqualTo("w1");
            assertThat(day.getWorkerKey()).isEqualTo(PERSON);
            assertThat(day.getRegion()).isEqualTo("310000");
            assertThat(day.getCategory()).isEqualTo(EmploymentCategory.LABOR_CONTRACT);
            assertThat(day.getDay()).isEqualTo(LocalDate.of(2025, 9, 29));
            assertThat(day.getDayStart()).isEqualTo(Instant.ofEpochMilli(at("00:00")));
            assertThat(day.getDayEnd()).isEqualTo(Instant.ofEpochMilli(midnight));
            assertThat(day.getOnlineMillis()).isEqualTo((60 + 30) * 60_000L);   // 22:00-23:00, 23:30-24:00
            assertThat(day.getOrderMillis()).isZero();
            assertThat(day.getEvidenceEventIds()).containsExactly(login.getEventId(), breakStart.getEventId(),
                    breakEnd.getEventId());
        });
        assertThat(workingDays.isEmpty()).isTrue();

        SessionEvent logout = event("swiftmeal", "w1", SessionEventType.LOGOUT, midnight + 75 * 60_000L);
        send(logout);
        tick(midnight + 86_400_000L + GRACE.toMillis());
        WorkingDay second = workingDays.readValue();
        assertThat(second.getDay()).isEqualTo(LocalDate.of(2025, 9, 30));
        assertThat(second.getOnlineMillis()).isEqualTo(75 * 60_000L);              // 00:00-01:15
        assertThat(second.getEvidenceEventIds()).containsExactly(logout.getEventId());
        assertThat(workingDays.isEmpty()).isTrue();
        assertThat(workers().get("swiftmeal/w1").time.week.days).as("NO_REST_DAY follows the run of days").isEqualTo(2);
        tick(midnight + 2 * 86_400_000L + GRACE.toMillis());      // a day without work: nothing is left to keep
        assertThat(workers().get("swiftmeal/w1")).isNull();
        assertThat(workingDays.isEmpty()).isTrue();
    }

    @Test
    void anAccountWithoutRegistrationStillReportsItsDaysWithNoCategory() {
        start(GRACE);
        send("swiftmeal", "w9", SessionEventType.LOGIN, "09:00");
        send("swiftmeal", "w9", SessionEventType.LOGOUT, "09:00:01");
        tick(at("00:00") + 86_400_000L + GRACE.toMillis());
        WorkingDay day = workingDays.readValue();
        assertThat(day.getOnlineMillis()).isEqualTo(1_000);
        assertThat(day.getCategory()).isNull();
        assertThat(day.getWorkerKey()).isEqualTo(PERSON);
        assertThat(workingDays.isEmpty()).isTrue();
    }

    @Test
    void orderTimeIsTheUnionOfAcceptedToDeliveredOrCancelledAndMalformedOrdersInventNoTime() {
        start(GRACE);
        register("swiftmeal", "w1", EmploymentCategory.LABOR_CONTRACT);
        SessionEvent login = send("swiftmeal", "w1", SessionEventType.LOGIN, "09:00");
        OrderEvent aAccepted = order("swiftmeal", "w1", "a", OrderEventType.ACCEPTED, "10:00");
        order("swiftmeal", "w1", "b", OrderEventType.OFFERED, "10:15");
        order("swiftmeal", "w1", "b", OrderEventType.ACCEPTED, "10:20");          // a second order: counted once
        order("swiftmeal", "w1", "a", OrderEventType.PICKED_UP, "10:25");
        order("swiftmeal", "w1", "a", OrderEventType.DELIVERED, "10:30");
        order("swiftmeal", "w1", "a", OrderEventType.DELIVERED, "10:35");         // twice: ignored
        OrderEvent bDelivered = order("swiftmeal", "w1", "b", OrderEventType.DELIVERED, "10:50");   // 10:00-10:50
        order("swiftmeal", "w1", "c", OrderEventType.DELIVERED, "10:55");         // never accepted: ignored
        OrderEvent dAccepted = order("swiftmeal", "w1", "d", OrderEventType.ACCEPTED, "11:00");
        order("swiftmeal", "w1", "d", OrderEventType.ACCEPTED, "11:02");          // again: runs from 11:00
        OrderEvent dCancelled = order("swiftmeal", "w1", "d", OrderEventType.CANCELLED, "11:05"); // 11:00-11:05
        OrderEvent eAccepted = order("swiftmeal", "w1", "e", OrderEventType.ACCEPTED, "11:50");   // never closed
        SessionEvent logout = send("swiftmeal", "w1", SessionEventType.LOGOUT, "12:00");        // ends e: 11:50-12:00
        tick(at("00:00") + 86_400_000L + GRACE.toMillis());

        WorkingDay day = workingDays.readValue();
        assertThat(day.getOnlineMillis()).isEqualTo(180 * 60_000L);
        assertThat(day.getOrderMillis()).isEqualTo((50 + 5 + 10) * 60_000L);
        assertThat(day.getEvidenceEventIds()).containsExactly(login.getEventId(), logout.getEventId(),
                aAccepted.getEventId(), bDelivered.getEventId(), dAccepted.getEventId(), dCancelled.getEventId(),
                eAccepted.getEventId());
        assertThat(metric("order-anomalies-total")).isEqualTo(4.0);
        assertThat(workers().get("swiftmeal/w1").orders.engaged()).isFalse();
    }

    @Test
    void aPackThatCountsOrderTimeJudgesRestBreakAndDailyHoursOnOrderTimeInBothScopes(@TempDir Path rules) throws Exception {
        start(WorkingTimeConfig.defaults(registry).withGrace(GRACE).withUpstreamPartitions(1).withRules(orderTimePack(rules)));
        register("swiftmeal", "a1", EmploymentCategory.LABOR_CONTRACT);
        register("dashbite", "b1", EmploymentCategory.LABOR_CONTRACT);
        // 15 h online on each app: over every limit on online time, but the pack counts order time only
        send("swiftmeal", "a1", SessionEventType.LOGIN, "05:00");
        send("dashbite", "b1", SessionEventType.LOGIN, "05:00");
        String[][] swiftmeal = {{"06:00", "09:00"}, {"13:00", "17:01"}};    // 180 min; then 241 min in a row
        String[][] dashbite = {{"09:30", "12:30"}, {"16:30", "19:30"}};     // 180 + 180 min
        order("swiftmeal", "a1", "a0", OrderEventType.ACCEPTED, swiftmeal[0][0]);
        order("swiftmeal", "a1", "a0", OrderEventType.DELIVERED, swiftmeal[0][1]);
        order("dashbite", "b1", "b0", OrderEventType.ACCEPTED, dashbite[0][0]);
        order("dashbite", "b1", "b0", OrderEventType.DELIVERED, dashbite[0][1]);
        order("swiftmeal", "a1", "a1", OrderEventType.ACCEPTED, swiftmeal[1][0]);
        order("dashbite", "b1", "b1", OrderEventType.ACCEPTED, dashbite[1][0]);
        order("swiftmeal", "a1", "a1", OrderEventType.DELIVERED, swiftmeal[1][1]);
        order("dashbite", "b1", "b1", OrderEventType.DELIVERED, dashbite[1][1]);
        send("swiftmeal", "a1", SessionEventType.LOGOUT, "20:00");
        send("dashbite", "b1", SessionEventType.LOGOUT, "20:00");
        tick(at("00:00") + 86_400_000L + GRACE.toMillis());

        // together: 06:00-09:00, 09:30-12:30, then 13:00-19:30 without a 20 min gap (390 min); 750 min in the day
        assertThat(violations.readValuesToList())
                .extracting(Violation::getRuleId, Violation::getScope, Violation::getStatus, v -> v.getWindowStart(),
                        Violation::getMeasured)
                .containsExactlyInAnyOrder(
                        tuple(RestBreakRule.ID, Scope.PLATFORM, ViolationStatus.OPEN, Instant.ofEpochMilli(at("13:00")), 240L * 60),
                        tuple(RestBreakRule.ID, Scope.PLATFORM, ViolationStatus.UPDATED, Instant.ofEpochMilli(at("13:00")), 241L * 60),
                        tuple(RestBreakRule.ID, Scope.CROSS_PLATFORM, ViolationStatus.OPEN, Instant.ofEpochMilli(at("13:00")), 240L * 60),
                        tuple(RestBreakRule.ID, Scope.CROSS_PLATFORM, ViolationStatus.UPDATED, Instant.ofEpochMilli(at("13:00")), 390L * 60),
                        tuple(DailyHoursRule.ID, Scope.CROSS_PLATFORM, ViolationStatus.OPEN, Instant.ofEpochMilli(at("00:00")), 750L * 60));
        assertThat(late.isEmpty()).isTrue();
        assertThat(workingDays.readValuesToList()).extracting(WorkingDay::getPlatformId, WorkingDay::getOnlineMillis,
                WorkingDay::getOrderMillis).containsExactlyInAnyOrder(
                tuple("swiftmeal", 900 * 60_000L, 421 * 60_000L),
                tuple("dashbite", 900 * 60_000L, 360 * 60_000L));
    }

    /** The shipped cn pack, but counting order time (categories.json: "workingTime": "ORDER"). */
    private static RulePack orderTimePack(Path root) throws Exception {
        for (String file : List.of("platforms.json", "cn/categories.json", "cn/holidays.json", "cn/minimum-wages.json",
                "cn/regions.json", "cn/routing.json")) {
            try (var in = WorkingTimeTopologyTest.class.getClassLoader().getResourceAsStream("rules/" + file)) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                Files.createDirectories(root.resolve(file).getParent());
                Files.writeString(root.resolve(file), text.replace("\"workingTime\": \"ONLINE\"", "\"workingTime\": \"ORDER\""));
            }
        }
        RulePack pack = RulePack.load(root, "cn");
        assertThat(pack.workingTime()).isEqualTo(WorkingTimeBasis.ORDER);
        return pack;
    }

    @Test
    void aWeekWorkedHalfOnEachAppIsANoRestDayAcrossPlatformsOnly() {
        start(GRACE);
        register("swiftmeal", "a1", EmploymentCategory.LABOR_CONTRACT);
        register("dashbite", "b1", EmploymentCategory.LABOR_CONTRACT);
        long day = 86_400_000L;
        for (int d = 0; d < 7; d++) {            // Monday 2025-09-29 to Sunday: three days on one app, four on the other
            String platform = d < 3 ? "swiftmeal" : "dashbite";
            String worker = d < 3 ? "a1" : "b1";
            send(event(platform, worker, SessionEventType.LOGIN, at("09:00") + d * day));
            send(event(platform, worker, SessionEventType.LOGOUT, at("10:00") + d * day));
        }
        tick(at("00:00") + 7 * day + GRACE.toMillis() - 1);
        assertThat(violations.isEmpty()).as("Sunday is not over").isTrue();

        tick(at("00:00") + 7 * day + GRACE.toMillis());
        assertThat(violations.readValuesToList()).singleElement().satisfies(week -> {
            assertThat(week.getRuleId()).isEqualTo(NoRestDayRule.ID);
            assertThat(week.getScope()).isEqualTo(Scope.CROSS_PLATFORM);
            assertThat(week.getWorkerKey()).isEqualTo(PERSON);
            assertThat(week.getWindowStart()).isEqualTo(Instant.ofEpochMilli(at("00:00")));
            assertThat(week.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(at("00:00") + 7 * day));
            assertThat(week.getMeasured()).isEqualTo(7);
            assertThat(week.getThreshold()).isEqualTo(6);
            assertThat(week.getUnit()).isEqualTo("DAYS");
            assertThat(week.getEvidenceEventIds()).hasSize(14);
        });
    }

    private KeyValueStore<String, PlatformWorker> workers() {
        return driver.getKeyValueStore(WorkingTimeTopology.WORKERS_STORE);
    }

    private List<String> timers() {
        List<String> keys = new ArrayList<>();
        KeyValueStore<String, String> store = driver.getKeyValueStore(WorkingTimeTopology.WORKER_TIMERS_STORE);
        store.all().forEachRemaining(kv -> keys.add(kv.key));
        return keys;
    }

    private double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("stream-gigwatch-working-time-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }
}
