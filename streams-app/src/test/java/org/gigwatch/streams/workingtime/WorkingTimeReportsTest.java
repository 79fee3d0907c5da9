package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.schemas.rules.RulePack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive-query answer built from the topology's stores, read directly on {@link TopologyTestDriver} (which
 * cannot serve IQv2): the stretch, today and the open violations, by hand, as stream time moves on. Shanghai is
 * UTC+8; grace 10 min, so everything before stream time − 10 min is applied.
 */
class WorkingTimeReportsTest {
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final String PERSON = "person-key-7";
    private static final String W1 = "swiftmeal/w1";

    private final String registry = "mock://working-time-reports-" + UUID.randomUUID();
    private final RulePack pack = RulePack.shipped("cn");
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SessionEvent> sessions;
    private TestInputTopic<String, WorkerRegistration> registrations;
    private int eventSeq;

    @BeforeEach
    void start() {
        WorkingTimeConfig config = WorkingTimeConfig.defaults(registry).withGrace(GRACE).withUpstreamPartitions(1);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "working-time-reports-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(WorkingTimeTopology.buildTopology(config), props);
        sessions = driver.createInputTopic(Topics.SESSIONS, new StringSerializer(),
                AvroSerde.specific(SessionEvent.class, registry).serializer());
        registrations = driver.createInputTopic(Topics.REGISTRATIONS, new StringSerializer(),
                AvroSerde.specific(WorkerRegistration.class, registry).serializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void theStretchTodayAndTheOpenViolationFollowStreamTime() {
        register("w1", EmploymentCategory.LABOR_CONTRACT);
        send("w1", SessionEventType.LOGIN, "08:00");
        send("w1", SessionEventType.BREAK_START, "10:00");
        send("w1", SessionEventType.BREAK_END, "10:10"); // 10 min < 20: the same stretch goes on

        tick("11:10"); // applied up to 11:00: known up to the BREAK_END, online since, 2 h worked
        assertThat(platform(W1)).contains(report("10:10", true,
                new WorkingTimeReport.Stretch(iso("08:00"), iso("10:00"), 7_200, 14_400, iso("12:10"), false),
                7_200, List.of()));

        send("w1", SessionEventType.LOGOUT, "13:00");
        tick("13:20"); // applied up to 13:10: 2 h + 2 h 50 = 17,400 s, over the limit at 10:10 + 2 h; the rest is due at 13:20
        WorkingTimeReport.OpenViolation restBreak = new WorkingTimeReport.OpenViolation(
                Alerts.alertId(RestBreakRule.ID, Scope.PLATFORM, W1, at("08:00")), RestBreakRule.ID, "OPEN",
                iso("08:00"), iso("12:10"), iso("12:10"), 14_400, 14_400, "SECONDS");
        assertThat(platform(W1)).contains(report("13:00", false,
                new WorkingTimeReport.Stretch(iso("08:00"), iso("13:00"), 17_400, 14_400, iso("12:10"), true),
                17_400, List.of(restBreak)));

        tick("13:40"); // applied up to 13:30: the rest came, the stretch and its violation are over; the day goes on
        assertThat(platform(W1)).contains(report("13:30", false, null, 17_400, List.of()));
    }

    @Test
    void aViolationJudgedAfterItsDayStaysOpenForADayAfterIt() {
        register("w2", EmploymentCategory.LABOR_CONTRACT);
        // three spells of 3 h 50 min with 30 min rests: no REST_BREAK, 11 h 30 min > 11 h in the day
        for (String[] spell : new String[][] {{"08:00", "11:50"}, {"12:20", "16:10"}, {"16:40", "20:30"}}) {
            send("w2", SessionEventType.LOGIN, spell[0]);
            send("w2", SessionEventType.LOGOUT, spell[1]);
        }
        long dayEnd = at("00:00") + Duration.ofDays(1).toMillis();
        tick(dayEnd + GRACE.toMillis() + 60_000); // the day is judged
        List<WorkingTimeReport.OpenViolation> open = platform("swiftmeal/w2").orElseThrow().openViolations();
        assertThat(open).extracting(WorkingTimeReport.OpenViolation::ruleId, WorkingTimeReport.OpenViolation::measured,
                WorkingTimeReport.OpenViolation::windowEnd).containsExactly(
                        tuple(DailyHoursRule.ID, 41_400L, Instant.ofEpochMilli(dayEnd).toString()));

        tick(dayEnd + Duration.ofDays(1).toMillis() - 1); // a day after the window, less a millisecond: still open
        assertThat(openViolationStore()).hasSize(1);
        tick(dayEnd + Duration.ofDays(1).toMillis() + OpenViolations.SWEEP_INTERVAL.toMillis()); // swept
        assertThat(openViolationStore()).isEmpty();
        assertThat(platform("swiftmeal/w2")).hasValueSatisfying(r -> assertThat(r.openViolations()).isEmpty());
    }

    @Test
    void aPersonIsReportedOverAllTheirPlatformsAndAnUnknownKeyIsEmpty() {
        register("w1", EmploymentCategory.LABOR_CONTRACT);
        send("w1", SessionEventType.LOGIN, "08:00");
        tick("09:10"); // applied up to 09:00, and the person scope follows the platform's watermark
        Optional<WorkingTimeReport> person = new WorkingTimeReports(pack).person(PERSON,
                driver.<String, Person>getKeyValueStore(WorkingTimeTopology.PERSONS_STORE).get(PERSON), List.of());
        assertThat(person).hasValueSatisfying(r -> {
            assertThat(r.scope()).isEqualTo("CROSS_PLATFORM");
            assertThat(r.platforms()).containsExactly("swiftmeal");
            assertThat(r.online()).isTrue();
            assertThat(r.asOf()).isEqualTo(iso("08:00")); // known up to the login: nothing since, no timer due yet
            assertThat(r.stretch()).isEqualTo(new WorkingTimeReport.Stretch(iso("08:00"), iso("08:00"), 0, 14_400,
                    iso("12:00"), false));
        });
        assertThat(platform("swiftmeal/nobody")).isEmpty();
        assertThat(new WorkingTimeReports(pack).person("nobody", null, List.of())).isEmpty();
    }

    private WorkingTimeReport report(String asOf, boolean online, WorkingTimeReport.Stretch stretch, long todaySeconds,
                                     List<WorkingTimeReport.OpenViolation> open) {
        return new WorkingTimeReport(W1, "PLATFORM", List.of("swiftmeal"), "LABOR_CONTRACT", "310000", iso(asOf), online,
                stretch, new WorkingTimeReport.Today("2025-09-29", "Asia/Shanghai", todaySeconds, 39_600L), open);
    }

    /** What {@link WorkingTimeQueries#report} reads through IQv2, read here from the driver's stores. */
    private Optional<WorkingTimeReport> platform(String key) {
        KeyValueStore<String, PlatformWorker> workers = driver.getKeyValueStore(WorkingTimeTopology.WORKERS_STORE);
        KeyValueStore<String, WorkerRegistration> registered = driver.getKeyValueStore(WorkingTimeTopology.REGISTRATIONS_STORE);
        KeyValueStore<String, Violation> open = driver.getKeyValueStore(WorkingTimeTopology.PLATFORM_OPEN_VIOLATIONS_STORE);
        String[] range = OpenViolations.range(key);
        List<Violation> violations = new ArrayList<>();
        try (var it = open.range(range[0], range[1])) {
            it.forEachRemaining(e -> violations.add(e.value));
        }
        return new WorkingTimeReports(pack).platform(key, workers.get(key), registered.get(key), violations);
    }

    private List<String> openViolationStore() {
        List<String> keys = new ArrayList<>();
        try (var it = driver.<String, Violation>getKeyValueStore(WorkingTimeTopology.PLATFORM_OPEN_VIOLATIONS_STORE).all()) {
            it.forEachRemaining(e -> keys.add(e.key));
        }
        return keys;
    }

    private static long at(String localTime) {
        return Instant.parse("2025-09-29T" + localTime + ":00+08:00").toEpochMilli();
    }

    private static String iso(String localTime) {
        return Instant.ofEpochMilli(at(localTime)).toString();
    }

    private void register(String worker, EmploymentCategory category) {
        long at = at("00:00") - 3_600_000;
        registrations.pipeInput(Topics.workerKey("swiftmeal", worker), WorkerRegistration.newBuilder()
                .setEventId("reg-" + worker).setPlatformId("swiftmeal").setWorkerId(worker).setWorkerKey(PERSON)
                .setRegion("310000").setOccurredAt(Instant.ofEpochMilli(at)).setCategory(category)
                .setHomeRegion("310000").build(), at);
    }

    private void send(String worker, SessionEventType type, String localTime) {
        SessionEvent event = SessionEvent.newBuilder().setEventId(worker + "-s" + (eventSeq++)).setPlatformId("swiftmeal")
                .setWorkerId(worker).setWorkerKey(PERSON).setRegion("310000").setOccurredAt(Instant.ofEpochMilli(at(localTime)))
                .setType(type).build();
        sessions.pipeInput(Topics.workerKey("swiftmeal", worker), event, at(localTime));
    }

    private void tick(String localTime) {
        tick(at(localTime));
    }

    private void tick(long at) {
        sessions.pipeInput(new TestRecord<>(StreamClock.TICK_KEY, null, Instant.ofEpochMilli(at)));
    }
}
