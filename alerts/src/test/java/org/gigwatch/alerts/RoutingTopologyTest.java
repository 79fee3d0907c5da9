package org.gigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.schemas.rules.RulePack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing and the alert lifecycle on {@link TopologyTestDriver}, against the shipped cn routing table. */
class RoutingTopologyTest {
    private final String registry = "mock://routing-" + UUID.randomUUID();
    private final RoutingTable table = new RoutingTable(RulePack.shipped("cn"));
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Violation> violations;
    private Map<String, TestOutputTopic<String, Violation>> regulators;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(RoutingTopology.buildTopology(RoutingConfig.defaults(registry)), props);
        violations = driver.createInputTopic(Topics.VIOLATIONS, new StringSerializer(),
                AvroSerde.specific(Violation.class, registry).serializer());
        regulators = new TreeMap<>();
        for (String topic : table.allTopics()) {
            regulators.put(topic, driver.createOutputTopic(topic, new StringDeserializer(),
                    AvroSerde.specific(Violation.class, registry).deserializer()));
        }
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void send(Violation v) {
        violations.pipeInput(v.getWorkerKey(), v);
    }

    /** Everything published since the last call, per topic that got anything. */
    private Map<String, List<TestRecord<String, Violation>>> published() {
        Map<String, List<TestRecord<String, Violation>>> out = new TreeMap<>();
        regulators.forEach((topic, output) -> {
            List<TestRecord<String, Violation>> records = output.readRecordsToList();
            if (!records.isEmpty()) {
                out.put(topic, records);
            }
        });
        return out;
    }

    @Test
    void aRestBreakOfAFoodDeliveryRiderGoesToHrssMarketAndEmergencyOfTheCityAndItsProvince() {
        send(Violations.restBreak("a1").build());

        assertThat(published()).containsOnlyKeys(
                "gigwatch.regulator.330600.hrss", "gigwatch.regulator.330000.hrss",
                "gigwatch.regulator.330600.market", "gigwatch.regulator.330000.market",
                "gigwatch.regulator.330600.emergency", "gigwatch.regulator.330000.emergency");
    }

    @Test
    void aMinimumWageViolationOfARideHailingDriverGoesToHrssTransportAndTheUnionButNotEmergency() {
        send(Violations.of("a2", "MIN_WAGE", "roadly", "RIDE_HAILING", "370400").build());

        assertThat(published()).containsOnlyKeys(
                "gigwatch.regulator.370400.hrss", "gigwatch.regulator.370000.hrss",
                "gigwatch.regulator.370400.transport", "gigwatch.regulator.370000.transport",
                "gigwatch.regulator.370400.union", "gigwatch.regulator.370000.union");
    }

    @Test
    void aDepositOfACourierGoesToTheMarketRegulatorTooWhateverTheIndustry() {
        send(Violations.of("a3", "DEPOSIT", "parcelpro", "COURIER", "530100").build());

        assertThat(published()).containsOnlyKeys(
                "gigwatch.regulator.530100.hrss", "gigwatch.regulator.530000.hrss",
                "gigwatch.regulator.530100.market", "gigwatch.regulator.530000.market",
                "gigwatch.regulator.530100.postal", "gigwatch.regulator.530000.postal");
    }

    @Test
    void anUnknownRuleReachesOnlyHrssAndTheIndustryDepartment() {
        send(Violations.of("a4", "SOMETHING_NEW", "boxrun", "COURIER", "330300").build());

        assertThat(published()).containsOnlyKeys(
                "gigwatch.regulator.330300.hrss", "gigwatch.regulator.330000.hrss",
                "gigwatch.regulator.330300.postal", "gigwatch.regulator.330000.postal");
    }

    @Test
    void aQuotaAddressedToAFoodDeliveryPlatformGoesToHrssTheMarketRegulatorAndTheUnion() {
        // platform-level: no worker, the subject is platformId/region/role (ViolationKey), the role in details
        send(Violations.of("q1", "QUOTA", "swiftmeal", "FOOD_DELIVERY", "330600").setWorkerKey(null)
                .setUnit("BASIS_POINTS").setMeasured(8666).setThreshold(9000)
                .setDetails(Map.of("role", "rider", "judged", "30", "reached", "26")).build());

        Map<String, List<TestRecord<String, Violation>>> out = published();
        assertThat(out).containsOnlyKeys(
                "gigwatch.regulator.330600.hrss", "gigwatch.regulator.330000.hrss",
                "gigwatch.regulator.330600.market", "gigwatch.regulator.330000.market",
                "gigwatch.regulator.330600.union", "gigwatch.regulator.330000.union");
        assertThat(out.values()).allSatisfy(records -> assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.value().getWorkerKey()).isNull();
            assertThat(r.value().getDetails()).containsEntry("role", "rider");
        }));
    }

    @Test
    void anInjuryResponsibilityOfARideHailingTripGoesToHrssAndTransportNotTheUnion() {
        send(Violations.of("i1", "INJURY_RESPONSIBILITY", "roadly", "RIDE_HAILING", "370400").setUnit("ORDERS")
                .setMeasured(2).setThreshold(0).build());

        assertThat(published()).containsOnlyKeys(
                "gigwatch.regulator.370400.hrss", "gigwatch.regulator.370000.hrss",
                "gigwatch.regulator.370400.transport", "gigwatch.regulator.370000.transport");
    }

    @Test
    void aCityThatIsItsOwnProvinceGetsEachViolationOnce() {
        send(Violations.of("a5", "WAGE_ARREARS", "dashbite", "FOOD_DELIVERY", "310000").build());

        Map<String, List<TestRecord<String, Violation>>> out = published();
        assertThat(out).containsOnlyKeys("gigwatch.regulator.310000.hrss", "gigwatch.regulator.310000.market",
                "gigwatch.regulator.310000.union");
        assertThat(out.values()).allSatisfy(records -> assertThat(records).hasSize(1));
    }

    @Test
    void industriesLeftOutByAProducerAreTakenFromThePlatformList() {
        send(Violations.of("a6", "DAILY_HOURS", "cityride", "RIDE_HAILING", "330600").setIndustries(List.of()).build());

        assertThat(published()).containsKeys("gigwatch.regulator.330600.transport")
                .doesNotContainKey("gigwatch.regulator.330600.market");
    }

    @Test
    void aCrossPlatformViolationGoesToTheDepartmentsOfEveryIndustryInvolved() {
        send(Violations.restBreak("a7").setPlatformId(null).setPlatforms(List.of("swiftmeal", "roadly"))
                .setIndustries(List.of("FOOD_DELIVERY", "RIDE_HAILING")).setWorkerKey("person-1").build());

        assertThat(published()).containsKeys("gigwatch.regulator.330600.market", "gigwatch.regulator.330600.transport",
                "gigwatch.regulator.330600.emergency").doesNotContainKey("gigwatch.regulator.330600.postal");
    }

    @Test
    void repeatsOfTheSameViolationAreOneAlert() {
        Violation open = Violations.restBreak("a8").build();
        send(open);
        send(open);
        send(Violations.restBreak("a8").setDetectedAt(open.getDetectedAt().plusSeconds(60)).build()); // re-detected, same content

        List<TestRecord<String, Violation>> hrss = published().get("gigwatch.regulator.330600.hrss");
        assertThat(hrss).extracting(TestRecord::key, r -> r.value().getStatus()).containsExactly(tuple("a8", ViolationStatus.OPEN));
    }

    @Test
    void aStretchThatGrewUpdatesTheAlertAndItsEndResolvesItUnderOneId() {
        Violation open = Violations.restBreak("a9").build();
        Violation grown = Violations.restBreak("a9").setStatus(ViolationStatus.UPDATED).setMeasured(4 * 3600 + 1800)
                .setWindowEnd(open.getWindowEnd().plusSeconds(1800)).setDetectedAt(open.getDetectedAt().plusSeconds(1800)).build();
        Violation resolved = Violations.restBreak("a9").setStatus(ViolationStatus.RESOLVED).setMeasured(4 * 3600 + 2400)
                .setWindowEnd(open.getWindowEnd().plusSeconds(2400)).setDetectedAt(open.getDetectedAt().plusSeconds(2400)).build();
        send(open);
        send(grown);
        send(grown);
        send(resolved);

        assertThat(published().get("gigwatch.regulator.330000.emergency"))
                .extracting(TestRecord::key, r -> r.value().getStatus(), r -> r.value().getMeasured())
                .containsExactly(tuple("a9", ViolationStatus.OPEN, 14_400L), tuple("a9", ViolationStatus.UPDATED, 16_200L),
                        tuple("a9", ViolationStatus.RESOLVED, 16_800L));
        assertThat(driver.<String, AlertState>getKeyValueStore(RoutingTopology.ALERTS_STORE).get("a9").history())
                .extracting(AlertState.Change::status)
                .containsExactly(ViolationStatus.OPEN, ViolationStatus.UPDATED, ViolationStatus.RESOLVED);
    }

    @Test
    void nothingFollowsResolvedAndAnOlderVersionArrivingLateIsDropped() {
        Violation open = Violations.restBreak("a10").build();
        Violation later = Violations.restBreak("a10").setStatus(ViolationStatus.UPDATED).setMeasured(15_000)
                .setDetectedAt(open.getDetectedAt().plusSeconds(600)).build();
        Violation older = Violations.restBreak("a10").setStatus(ViolationStatus.UPDATED).setMeasured(14_700)
                .setDetectedAt(open.getDetectedAt().plusSeconds(300)).build();
        send(open);
        send(later);
        send(older);
        send(Violations.restBreak("a10").setStatus(ViolationStatus.RESOLVED).setMeasured(15_000)
                .setDetectedAt(later.getDetectedAt()).build());
        send(Violations.restBreak("a10").setStatus(ViolationStatus.UPDATED).setMeasured(16_000)
                .setDetectedAt(later.getDetectedAt().plusSeconds(60)).build());

        assertThat(published().get("gigwatch.regulator.330600.hrss")).extracting(r -> r.value().getStatus(), r -> r.value().getMeasured())
                .containsExactly(tuple(ViolationStatus.OPEN, 14_400L), tuple(ViolationStatus.UPDATED, 15_000L),
                        tuple(ViolationStatus.RESOLVED, 15_000L));
    }

    @Test
    void anAlertFirstSeenAsAnUpdateOpensAndOneFirstSeenResolvedIsBornResolved() {
        send(Violations.restBreak("a11").setStatus(ViolationStatus.UPDATED).build());
        send(Violations.restBreak("a12").setStatus(ViolationStatus.RESOLVED).build());

        assertThat(published().get("gigwatch.regulator.330600.hrss")).extracting(TestRecord::key, r -> r.value().getStatus())
                .containsExactly(tuple("a11", ViolationStatus.OPEN), tuple("a12", ViolationStatus.RESOLVED));
    }

    @Test
    void aViolationOfARegionOutsideThePackIsSkippedAndTheNextOneStillRoutes() {
        send(Violations.restBreak("a13").setRegion("999999").build());
        send(Violations.restBreak("a14").build());

        assertThat(published().get("gigwatch.regulator.330600.hrss")).extracting(TestRecord::key).containsExactly("a14");
    }
}
