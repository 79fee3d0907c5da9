package org.gigwatch.streams.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.InjuryResponsibility;
import org.gigwatch.avro.LateEvent;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.Quota;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.TripOrder;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform topology on {@link TopologyTestDriver}: events in, QUOTA violations and responsibility records out. */
class PlatformTopologyTest {
    private static final LocalDate DAY = LocalDate.of(2025, 9, 29);
    private static final long MIN = 60_000L;

    private final String registry = "mock://platform-" + UUID.randomUUID();
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SessionEvent> sessions;
    private TestInputTopic<String, OrderEvent> orders;
    private TestInputTopic<String, WorkerRegistration> registrations;
    private TestInputTopic<String, Quota> quotas;
    private TestOutputTopic<String, Violation> violations;
    private TestOutputTopic<String, InjuryResponsibility> responsibility;
    private TestOutputTopic<String, LateEvent> late;
    private int seq;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "platform-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(PlatformTopology.buildTopology(
                WorkingTimeConfig.defaults(registry).withUpstreamPartitions(1)), props);
        sessions = driver.createInputTopic(Topics.SESSIONS, new StringSerializer(), AvroSerde.specific(SessionEvent.class, registry).serializer());
        orders = driver.createInputTopic(Topics.ORDERS, new StringSerializer(), AvroSerde.specific(OrderEvent.class, registry).serializer());
        registrations = driver.createInputTopic(Topics.REGISTRATIONS, new StringSerializer(),
                AvroSerde.specific(WorkerRegistration.class, registry).serializer());
        quotas = driver.createInputTopic(Topics.QUOTAS, new StringSerializer(), AvroSerde.specific(Quota.class, registry).serializer());
        violations = driver.createOutputTopic(Topics.VIOLATIONS, new StringDeserializer(),
                AvroSerde.specific(Violation.class, registry).deserializer());
        responsibility = driver.createOutputTopic(Topics.RESPONSIBILITY, new StringDeserializer(),
                AvroSerde.specific(InjuryResponsibility.class, registry).deserializer());
        late = driver.createOutputTopic(Topics.LATE, new StringDeserializer(), AvroSerde.specific(LateEvent.class, registry).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    /** Local time of the day in Shanghai, minutes after midnight. */
    private static long at(long minutes) {
        return DAY.atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli() + minutes * MIN;
    }

    private void register(String platform, String worker, String person) {
        long t = at(-60);
        registrations.pipeInput(Topics.workerKey(platform, worker), WorkerRegistration.newBuilder()
                .setEventId("reg-" + platform + "-" + worker).setPlatformId(platform).setWorkerId(worker).setWorkerKey(person)
                .setRegion("310000").setOccurredAt(Instant.ofEpochMilli(t)).setCategory(EmploymentCategory.INDEPENDENT)
                .setHomeRegion("310000").setRole("rider").build(), t);
    }

    private void session(String platform, String worker, String person, SessionEventType type, long t) {
        sessions.pipeInput(Topics.workerKey(platform, worker), SessionEvent.newBuilder().setEventId(worker + "-s" + seq++)
                .setPlatformId(platform).setWorkerId(worker).setWorkerKey(person).setRegion("310000")
                .setOccurredAt(Instant.ofEpochMilli(t)).setType(type).build(), t);
    }

    private void order(String platform, String worker, String person, String orderId, OrderEventType type, long t) {
        orders.pipeInput(Topics.workerKey(platform, worker), OrderEvent.newBuilder().setEventId(orderId + "-" + type)
                .setPlatformId(platform).setWorkerId(worker).setWorkerKey(person).setRegion("310000")
                .setOccurredAt(Instant.ofEpochMilli(t)).setOrderId(orderId).setType(type).build(), t);
    }

    private void tick(long t) {
        sessions.pipeInput(new TestRecord<>("~tick", null, Instant.ofEpochMilli(t)));
    }

    @Test
    void incidentsOnATripNameTheFirstOrdersPlatformAndBetweenTripsNothing() {
        String person = "person-1";
        register("swiftmeal", "s", person);
        register("boxrun", "b", person);
        session("swiftmeal", "s", person, SessionEventType.LOGIN, at(9 * 60));
        session("boxrun", "b", person, SessionEventType.LOGIN, at(9 * 60));
        order("swiftmeal", "s", person, "s1", OrderEventType.ACCEPTED, at(10 * 60));
        order("boxrun", "b", person, "b1", OrderEventType.ACCEPTED, at(10 * 60 + 20));
        order("swiftmeal", "s", person, "s1", OrderEventType.DELIVERED, at(10 * 60 + 40));
        order("swiftmeal", "s", person, "s2", OrderEventType.ACCEPTED, at(10 * 60 + 55));
        order("boxrun", "b", person, "b1", OrderEventType.DELIVERED, at(11 * 60));
        // during the three orders' trip, reported through boxrun when only swiftmeal's s2 is in progress
        session("boxrun", "b", person, SessionEventType.INCIDENT, at(11 * 60 + 10));
        // at the exact end instant of the trip's last order: reported first, as the simulator does
        session("swiftmeal", "s", person, SessionEventType.INCIDENT, at(11 * 60 + 20));
        order("swiftmeal", "s", person, "s2", OrderEventType.DELIVERED, at(11 * 60 + 20));
        // between trips: nothing
        session("boxrun", "b", person, SessionEventType.INCIDENT, at(11 * 60 + 30));
        order("boxrun", "b", person, "b2", OrderEventType.ACCEPTED, at(11 * 60 + 40));
        order("boxrun", "b", person, "b2", OrderEventType.DELIVERED, at(12 * 60));
        session("swiftmeal", "s", person, SessionEventType.LOGOUT, at(13 * 60));
        session("boxrun", "b", person, SessionEventType.LOGOUT, at(13 * 60));
        // answered as stream time passes each incident + grace (13:00 − 10 min): the later tick adds nothing
        List<InjuryResponsibility> found = responsibility.readValuesToList();
        tick(at(14 * 60));
        assertThat(responsibility.isEmpty()).isTrue();

        assertThat(found).extracting(r -> r.getIncidentAt().toEpochMilli()).containsExactly(at(11 * 60 + 10), at(11 * 60 + 20));
        assertThat(found).extracting(InjuryResponsibility::getPlatformId).containsOnly("swiftmeal");
        assertThat(found).extracting(InjuryResponsibility::getWorkerId).containsOnly("s");
        assertThat(found.get(0).getIncidentPlatformId()).isEqualTo("boxrun");
        assertThat(found.get(0).getOrders()).extracting(TripOrder::getOrderId).containsExactly("s1", "b1", "s2");
        assertThat(found.get(0).getOrders().get(2).getEndedAt()).as("s2 is in progress at the incident").isNull();
        assertThat(found.get(1).getOrders().get(2).getEndedAt().toEpochMilli()).isEqualTo(at(11 * 60 + 20));
        assertThat(found.get(0).getTripStart().toEpochMilli()).isEqualTo(at(10 * 60));

        List<Violation> records = violations.readValuesToList();
        assertThat(records).extracting(Violation::getRuleId).containsOnly("INJURY_RESPONSIBILITY");
        assertThat(records).extracting(Violation::getWorkerKey).containsOnly("swiftmeal/s");
        assertThat(records).extracting(Violation::getScope).containsOnly(Scope.PLATFORM);
        assertThat(records).extracting(Violation::getMeasured).containsExactly(3L, 3L);
        assertThat(records.get(0).getPlatforms()).containsExactly("swiftmeal", "boxrun");
        assertThat(records.get(0).getAlertId()).isNotEqualTo(records.get(1).getAlertId());
    }

    @Test
    void outOfOrderEventsWithinTheGraceGiveTheSameAnswerAndOlderOnesAreLate() {
        String person = "person-2";
        register("swiftmeal", "s", person);
        register("boxrun", "b", person);
        // boxrun's order first in time, but sent after swiftmeal's events (5 min late, within the 10 min grace)
        order("swiftmeal", "s", person, "s1", OrderEventType.ACCEPTED, at(10 * 60 + 5));
        session("swiftmeal", "s", person, SessionEventType.INCIDENT, at(10 * 60 + 6));
        order("boxrun", "b", person, "b1", OrderEventType.ACCEPTED, at(10 * 60));
        order("boxrun", "b", person, "b1", OrderEventType.DELIVERED, at(10 * 60 + 30));
        order("swiftmeal", "s", person, "s1", OrderEventType.DELIVERED, at(10 * 60 + 40));
        order("swiftmeal", "s", person, "s9", OrderEventType.ACCEPTED, at(9 * 60)); // an hour behind: late
        tick(at(12 * 60));
        assertThat(responsibility.readValuesToList()).extracting(InjuryResponsibility::getPlatformId).containsExactly("boxrun");
        assertThat(late.readValuesToList()).extracting(LateEvent::getEventId).containsExactly("s9-ACCEPTED");
    }

    /**
     * 30 riders of swiftmeal in 310000 work from 08:00 with a 30 min break at 10:00 (not working time) and deliver an
     * order every 42 min of working time, the 10th at 7:00 of work (15:30); {@code shortOfQuota} of them deliver only
     * 9. One more stops after 4 h with 5 orders: not judged. Events are sent in time order.
     */
    private void quotaDay(int shortOfQuota) {
        long t = at(-60);
        quotas.pipeInput("swiftmeal/310000", Quota.newBuilder().setEventId("quota-swiftmeal-310000-rider").setPlatformId("swiftmeal")
                .setRegion("310000").setRole("rider").setOrdersPerDay(10).setEffectiveFrom(DAY).setOccurredAt(Instant.ofEpochMilli(t))
                .build(), t);
        List<Map.Entry<Long, Runnable>> events = new ArrayList<>();
        for (int n = 0; n <= 30; n++) {
            int i = n;
            String w = "w" + i;
            String p = "p" + i;
            register("swiftmeal", w, p);
            events.add(Map.entry(at(8 * 60), () -> session("swiftmeal", w, p, SessionEventType.LOGIN, at(8 * 60))));
            events.add(Map.entry(at(10 * 60), () -> session("swiftmeal", w, p, SessionEventType.BREAK_START, at(10 * 60))));
            events.add(Map.entry(at(10 * 60 + 30), () -> session("swiftmeal", w, p, SessionEventType.BREAK_END, at(10 * 60 + 30))));
            int delivered = i == 30 ? 5 : i < shortOfQuota ? 9 : 10;
            for (int k = 1; k <= delivered; k++) {
                long worked = k * 42L;
                long clock = 8 * 60 + worked + (worked > 120 ? 30 : 0);
                String id = w + "-" + k;
                events.add(Map.entry(at(clock - 20), () -> order("swiftmeal", w, p, id, OrderEventType.ACCEPTED, at(clock - 20))));
                events.add(Map.entry(at(clock), () -> order("swiftmeal", w, p, id, OrderEventType.DELIVERED, at(clock))));
            }
            long logout = at(i == 30 ? 12 * 60 + 30 : 17 * 60 + 30);
            events.add(Map.entry(logout, () -> session("swiftmeal", w, p, SessionEventType.LOGOUT, logout)));
        }
        events.sort(Map.Entry.comparingByKey());
        events.forEach(e -> e.getValue().run());
        tick(at(24 * 60 + 11));
    }

    @Test
    void exactlyNinetyPercentReachingTheQuotaIsNoViolation() {
        quotaDay(3);
        assertThat(violations.readValuesToList()).isEmpty();
    }

    @Test
    void justUnderNinetyPercentIsAViolationAddressedToThePlatform() {
        quotaDay(4);
        List<Violation> found = violations.readValuesToList();
        assertThat(found).hasSize(1);
        Violation v = found.get(0);
        assertThat(v.getRuleId()).isEqualTo("QUOTA");
        assertThat(v.getWorkerKey()).isNull();
        assertThat(v.getPlatformId()).isEqualTo("swiftmeal");
        assertThat(v.getRegion()).isEqualTo("310000");
        assertThat(v.getDetails()).containsEntry("role", "rider").containsEntry("judged", "30").containsEntry("reached", "26")
                .containsEntry("timeToQuota", "0-1h:0,1-2h:0,2-3h:0,3-4h:0,4-5h:0,5-6h:0,6-7h:26,7-8h:0,not reached:4");
        assertThat(v.getMeasured()).isEqualTo(8666);
        assertThat(v.getWindowStart().toEpochMilli()).isEqualTo(at(0));
        assertThat(v.getWindowEnd().toEpochMilli()).isEqualTo(at(24 * 60));
    }
}
