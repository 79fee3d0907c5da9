package org.gigwatch.streams.workingtime;

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
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.KafkaEventSink;
import org.gigwatch.simulator.truth.Score;
import org.gigwatch.simulator.truth.ViolationKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology on a real broker and the real registry, exactly-once, RocksDB state. A simulated day (history mode)
 * is written once; each test runs the app under its own application id and reads, read_committed, what that run
 * appended to the violations topic.
 *
 * <p>Stream time is per partition: after the simulator, one tick per partition past the end of the range (plus the
 * grace period and a full rest) closes the last stretches and days (see {@link StreamClock}).
 */
class WorkingTimeIntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(WorkingTimeIntegrationTest.class);
    private static final List<String> RULES = List.of(RestBreakRule.ID, DailyHoursRule.ID);
    private static final LocalDate DAY = LocalDate.of(2025, 9, 29);

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    static SchemaRegistryServer registry;
    static Set<ViolationKey> expected;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void simulateADay() {
        registry = SchemaRegistryServer.start();
        TopicSetup.ensureAll(kafka.admin());
        // a few hundred workers by default (2 shared cores); -Dgigwatch.it.workers=2000 for the size
        int workers = Integer.getInteger("gigwatch.it.workers", 400);
        Simulator simulator = new Simulator(SimulatorConfig.builder().seed(7).workers(workers).startDate(DAY).days(1)
                .violationRate(0.1).build());
        try (KafkaEventSink sink = KafkaEventSink.create(kafka.bootstrapServers(), registry.url())) {
            simulator.run(sink);
        }
        long afterTheRange = DAY.plusDays(2).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
        try (StreamClock clock = new StreamClock(new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()), WorkingTimeTopology.CLOCK_TOPICS)) {
            clock.tick(afterTheRange);
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
    void aSimulatedDayIsScoredPerfectlyOnRestBreakAndDailyHours() throws Exception {
        assertThat(expected).extracting(ViolationKey::rule).contains(RestBreakRule.ID, DailyHoursRule.ID);
        try (ViolationOutput output = ViolationOutput.fromNow(kafka, registry.url()); KafkaStreams streams = start("scored", stateDir.resolve("scored"))) {
            Set<ViolationKey> found = keys(output.readUntilQuiet(all -> keys(all).containsAll(expected)));
            Map<String, Score> scores = Score.byRule(List.copyOf(expected), found);
            log.info("scores: {}", scores);
            assertThat(scores.keySet()).containsExactlyInAnyOrderElementsOf(RULES);
            scores.forEach((rule, score) -> {
                assertThat(score.falseNegatives()).as(rule + " missed: " + missing(found, rule)).isZero();
                assertThat(score.falsePositives()).as(rule + " false alarms").isZero();
                assertThat(score.precision()).isEqualTo(1.0);
                assertThat(score.recall()).isEqualTo(1.0);
            });
        }
    }

    @Test
    void stoppedMidStreamAndRestartedItWritesWhatAnUninterruptedRunWrites() throws Exception {
        List<String> uninterrupted;
        try (ViolationOutput output = ViolationOutput.fromNow(kafka, registry.url()); KafkaStreams streams = start("uninterrupted", stateDir.resolve("u"))) {
            uninterrupted = values(output.readUntilQuiet(all -> keys(all).containsAll(expected)));
        }

        try (ViolationOutput output = ViolationOutput.fromNow(kafka, registry.url())) {
            try (KafkaStreams first = start("restarted", stateDir.resolve("r1"))) {
                output.readUntil(all -> all.size() >= uninterrupted.size() / 2, Duration.ZERO);
            }
            // a fresh state directory: the restarted instance rebuilds its state from the changelogs
            try (KafkaStreams second = start("restarted", stateDir.resolve("r2"))) {
                List<String> restarted = values(output.readUntilQuiet(all -> keys(all).containsAll(expected)));
                assertThat(restarted).as("no duplicates, none missing").containsExactlyInAnyOrderElementsOf(uninterrupted);
            }
        }
    }

    private KafkaStreams start(String applicationId, Path dir) throws Exception {
        Files.createDirectories(dir);
        var props = WorkingTimeTopology.streamsProperties(kafka.bootstrapServers(), dir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "working-time-it-" + applicationId);
        KafkaStreams streams = new KafkaStreams(WorkingTimeTopology.buildTopology(WorkingTimeConfig.defaults(registry.url())), props);
        streams.start();
        return streams;
    }

    private static Set<ViolationKey> keys(List<Violation> violations) {
        return violations.stream().map(ViolationKey::of).collect(Collectors.toSet());
    }

    private static List<String> values(List<Violation> violations) {
        return violations.stream().map(Violation::toString).toList();
    }

    private static String missing(Set<ViolationKey> found, String rule) {
        return expected.stream().filter(k -> k.rule().equals(rule) && !found.contains(k)).limit(5)
                .map(Object::toString).collect(Collectors.joining("; "));
    }
}
