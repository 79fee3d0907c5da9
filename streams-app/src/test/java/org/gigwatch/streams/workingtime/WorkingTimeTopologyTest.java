package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
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
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
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
    private TestInputTopic<String, WorkerRegistration> registrations;
    private TestOutputTopic<String, Violation> violations;
    private TestOutputTopic<String, SessionEvent> late;
    private TestOutputTopic<String, WorkingDay> workingDays;
    private int eventSeq;

    private void start(Duration grace) {
        WorkingTimeConfig config = WorkingTimeConfig.defaults(registry).withGrace(grace).withUpstreamPartitions(1);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "working-time-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(WorkingTimeTopology.buildTopology(config), props);
        sessions = driver.createInputTopic(Topics.SESSIONS, new StringSerializer(),
                AvroSerde.specific(SessionEvent.class, registry).serializer());
        registrations = driver.createInputTopic(Topics.REGISTRATIONS, new StringSerializer(),
                AvroSerde.specific(WorkerRegistration.class, registry).serializer());
        violations = driver.createOutputTopic(Topics.VIOLATIONS, new StringDeserializer(),
                AvroSerde.specific(Violation.class, registry).deserializer());
        late = driver.createOutputTopic(Topics.LATE, new StringDeserializer(),
                AvroSerde.specific(SessionEvent.class, registry).deserializer());
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
    void eventsOlderThanTheGraceGoToTheLateTopicWithTheReason() {
        start(GRACE);
        register("swiftmeal", "w1", EmploymentCategory.INDEPENDENT);
        send("swiftmeal", "w1", SessionEventType.LOGIN, "08:00");
        tick(at("09:00"));
        send("swiftmeal", "w1", SessionEventType.LOGOUT, "08:50");      // 10 min before stream time: still applied
        SessionEvent tooLate = send("swiftmeal", "w1", SessionEventType.LOGIN, "08:49:59");

        TestRecord<String, SessionEvent> record = late.readRecord();
        assertThat(record.value()).isEqualTo(tooLate);
        assertThat(new String(record.headers().lastHeader(PlatformWorkingTime.LATE_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("more than PT10M before stream time");
        assertThat(late.isEmpty()).isTrue();
        assertThat(metric("late-events-total")).isEqualTo(1.0);
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

        assertThat(late.readValue()).isEqualTo(login);
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
        assertThat(workers().get("swiftmeal/w1")).isNull();
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
