package org.gigwatch.streams.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.gigwatch.avro.Violation;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.registry.AvroSerializer;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.RulePublisher;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.KafkaEventSink;
import org.gigwatch.simulator.truth.Score;
import org.gigwatch.simulator.truth.ViolationKey;
import org.gigwatch.streams.workingtime.StreamClock;
import org.gigwatch.streams.workingtime.ViolationOutput;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pay rules on a real broker and the real registry, exactly-once, RocksDB state, fed by the real working-time
 * topology: rule data published to its topics, a simulated month (history mode) written once, then the
 * working-time app (which writes gigwatch.worktime.days) and the pay app run side by side; the pay violations are
 * scored against the simulator's ground truth. (A replay after a minimum-wage change for a future date is tested on
 * TopologyTestDriver, {@code PayTopologyTest}: on the broker it would double this test's time.)
 *
 * <p>Clock: one tick per partition of the sessions topic a day past the range (the working-time app's last days and
 * stretches), and one on the orders topic at the range's end plus the grace period: the pay app's clock then stands
 * exactly at the range's end, as the oracle's (due instants strictly before it are judged, months and days ending at
 * it are).
 */
class PayIntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(PayIntegrationTest.class);
    private static final List<String> RULES = List.of(MinWageRule.ID, HolidayPayRule.ID, DepositRule.ID, WageArrears.ID,
            WithheldPayRule.ID);
    private static final LocalDate START = LocalDate.of(2025, 9, 29);
    private static final int DAYS = 35;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration QUIET = Duration.ofSeconds(10);
    /** Fewer, larger transactions than exactly-once's 100 ms default: the month is big and the machine is shared. */
    private static final int COMMIT_INTERVAL_MS = 1000;

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    static SchemaRegistryServer registry;
    static Set<ViolationKey> expected;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void simulateAMonth() {
        registry = SchemaRegistryServer.start();
        TopicSetup.ensureAll(kafka.admin());
        try (KafkaProducer<String, SpecificRecord> producer = ruleProducer()) {
            RulePublisher.publish(RulePack.shipped("cn"), producer);
        }
        int workers = Integer.getInteger("gigwatch.it.payWorkers", 200);
        Simulator simulator = new Simulator(SimulatorConfig.builder().seed(11).workers(workers).startDate(START).days(DAYS)
                .violationRate(0.05).build());
        long began = System.nanoTime();
        try (KafkaEventSink sink = KafkaEventSink.create(kafka.bootstrapServers(), registry.url())) {
            simulator.run(sink);
        }
        log.info("simulated {} workers × {} days: {} events in {} s", workers, DAYS, simulator.counters().total(),
                (System.nanoTime() - began) / 1_000_000_000L);
        long rangeEnd = START.plusDays(DAYS).atStartOfDay(ZONE).toInstant().toEpochMilli();
        try (StreamClock sessions = clock(List.of(Topics.SESSIONS)); StreamClock orders = clock(List.of(Topics.ORDERS))) {
            sessions.tick(rangeEnd + Duration.ofDays(1).toMillis());
            orders.tick(rangeEnd + PayConfig.DEFAULT_GRACE.toMillis());
        }
        log.info("ground truth: {}", simulator.groundTruth().counts());
        expected = simulator.groundTruth().keys().stream().filter(k -> RULES.contains(k.rule())).collect(Collectors.toSet());
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aSimulatedMonthIsScoredPerfectlyOnEveryPayRule() throws Exception {
        assertThat(expected).extracting(ViolationKey::rule).containsAll(RULES);
        try (ViolationOutput output = ViolationOutput.fromNow(kafka, registry.url());
             KafkaStreams workingTime = startWorkingTime();
             KafkaStreams pay = startPay("scored", stateDir.resolve("scored"))) {
            long began = System.nanoTime();
            // every rule's violations are read (the working-time app writes to the same topic); keys() keeps the pay rules'
            List<Violation> found = output.readUntil(all -> keys(all).containsAll(expected), QUIET,
                    Duration.ofMinutes(Integer.getInteger("gigwatch.it.payMinutes", 40)));
            log.info("pay violations read in {} s: {}", (System.nanoTime() - began) / 1_000_000_000L, found.size());
            Set<ViolationKey> keys = keys(found);
            Map<String, Score> scores = Score.byRule(List.copyOf(expected), keys);
            log.info("scores: {}", scores);
            assertThat(scores.keySet()).containsExactlyInAnyOrderElementsOf(RULES);
            scores.forEach((rule, score) -> {
                assertThat(score.falseNegatives()).as(rule + " missed: " + sample(expected, keys, rule)).isZero();
                assertThat(score.falsePositives()).as(rule + " false alarms: " + sample(keys, expected, rule)).isZero();
                assertThat(score.precision()).isEqualTo(1.0);
                assertThat(score.recall()).isEqualTo(1.0);
            });
        }
    }

    private static KafkaProducer<String, SpecificRecord> ruleProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
    }

    private static StreamClock clock(List<String> topics) {
        return new StreamClock(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()), topics);
    }

    private KafkaStreams startWorkingTime() throws Exception {
        Path dir = Files.createDirectories(stateDir.resolve("working-time"));
        var props = WorkingTimeTopology.streamsProperties(kafka.bootstrapServers(), dir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pay-it-working-time");
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        KafkaStreams streams = new KafkaStreams(WorkingTimeTopology.buildTopology(WorkingTimeConfig.defaults(registry.url())), props);
        streams.start();
        return streams;
    }

    private KafkaStreams startPay(String applicationId, Path dir) throws Exception {
        Files.createDirectories(dir);
        var props = PayTopology.streamsProperties(kafka.bootstrapServers(), dir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pay-it-" + applicationId);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        KafkaStreams streams = new KafkaStreams(PayTopology.buildTopology(PayConfig.defaults(registry.url())), props);
        streams.start();
        return streams;
    }

    /** The keys of the pay rules' violations among them. */
    private static Set<ViolationKey> keys(List<Violation> violations) {
        return violations.stream().filter(v -> RULES.contains(v.getRuleId())).map(ViolationKey::of).collect(Collectors.toSet());
    }

    private static String sample(Set<ViolationKey> in, Set<ViolationKey> notIn, String rule) {
        return in.stream().filter(k -> k.rule().equals(rule) && !notIn.contains(k)).limit(5)
                .map(Object::toString).collect(Collectors.joining("; "));
    }
}
