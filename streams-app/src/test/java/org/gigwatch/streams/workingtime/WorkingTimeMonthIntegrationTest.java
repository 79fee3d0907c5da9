package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.gigwatch.schemas.rules.RulePack;
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
 * A simulated month (September 2025, which begins on a Monday: one whole month and four whole ISO weeks) on a real
 * broker, every working-time rule scored against the simulator's ground truth in both scopes.
 *
 * <p>Like with like: the oracle judges only the range's own days, the months and ISO weeks wholly inside it
 * (SIMULATOR.md, choice 3). The monitor cannot know where a simulation begins or ends, so it judges every day, month
 * and week it sees close (a month it saw only part of would be judged on that part). The test therefore scores the
 * day-bound rules on alerts whose window lies inside the range; REST_BREAK, which the oracle judges wherever a
 * stretch lies, is scored on every alert.
 */
class WorkingTimeMonthIntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(WorkingTimeMonthIntegrationTest.class);
    private static final List<String> RULES = List.of(RestBreakRule.ID, DailyHoursRule.ID, MonthlyOvertimeRule.ID,
            NoRestDayRule.ID);
    private static final LocalDate FIRST = LocalDate.of(2025, 9, 1);
    private static final int DAYS = 30;
    private static final RulePack PACK = RulePack.shipped("cn");
    /**
     * Replaying a month, stream time races: two defaults made for live time cost more than the events themselves.
     * A watermark a minute is 36 × 43,200 records a month (6 platform tasks tell 6 person tasks); event ids kept for
     * an hour mean a new RocksDB segment every 30 minutes of stream time in each task. Neither changes what the
     * alerts say, only when they appear (docs/WORKING-TIME.md).
     */
    private static final Duration WATERMARK_INTERVAL = Duration.ofHours(1);
    private static final Duration DEDUPE_RETENTION = Duration.ofHours(12);

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    static SchemaRegistryServer registry;
    static Set<ViolationKey> expected;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void simulateAMonth() {
        registry = SchemaRegistryServer.start();
        TopicSetup.ensureAll(kafka.admin());
        // 720 worker-days by default (2 shared cores); injections are per worker-week and worker-month: the highest rate
        int workers = Integer.getInteger("gigwatch.it.month.workers", 24);
        long started = System.nanoTime();
        Simulator simulator = new Simulator(SimulatorConfig.builder().seed(11).workers(workers).startDate(FIRST).days(DAYS)
                .violationRate(0.5).build());
        try (KafkaEventSink sink = KafkaEventSink.create(kafka.bootstrapServers(), registry.url())) {
            simulator.run(sink);
        }
        long afterTheRange = FIRST.plusDays(DAYS + 1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
        try (StreamClock clock = new StreamClock(new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()), WorkingTimeTopology.CLOCK_TOPICS)) {
            clock.tick(afterTheRange);
        }
        log.info("{} workers, {} days simulated and written in {} s; ground truth: {}", workers, DAYS,
                (System.nanoTime() - started) / 1_000_000_000, simulator.groundTruth().counts());
        expected = simulator.groundTruth().keys().stream().filter(k -> RULES.contains(k.rule())).collect(Collectors.toSet());
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aSimulatedMonthIsScoredPerfectlyOnEveryWorkingTimeRule() throws Exception {
        assertThat(expected).extracting(ViolationKey::rule).contains(MonthlyOvertimeRule.ID, NoRestDayRule.ID);
        Path dir = Files.createDirectories(stateDir.resolve("month"));
        var props = WorkingTimeTopology.streamsProperties(kafka.bootstrapServers(), dir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "working-time-month-it");
        long started = System.nanoTime();
        try (ViolationOutput output = ViolationOutput.fromNow(kafka, registry.url());
             KafkaStreams streams = new KafkaStreams(WorkingTimeTopology.buildTopology(
                     WorkingTimeConfig.defaults(registry.url()).withWatermarkInterval(WATERMARK_INTERVAL)
                             .withDedupeRetention(DEDUPE_RETENTION)), props)) {
            streams.start();
            Set<ViolationKey> found = comparable(output.readUntil(all -> comparable(all).containsAll(expected),
                    Duration.ofSeconds(5), Duration.ofMinutes(12)));
            log.info("the month processed in {} s (until 5 s without news)", (System.nanoTime() - started) / 1_000_000_000);
            Map<String, Score> scores = Score.byRule(List.copyOf(expected), found);
            log.info("scores: {}", scores);
            assertThat(scores.keySet()).containsExactlyInAnyOrderElementsOf(RULES);
            scores.forEach((rule, score) -> {
                assertThat(score.falseNegatives()).as(rule + " missed: " + sample(expected, found, rule)).isZero();
                assertThat(score.falsePositives()).as(rule + " false alarms: " + sample(found, expected, rule)).isZero();
                assertThat(score.precision()).isEqualTo(1.0);
                assertThat(score.recall()).isEqualTo(1.0);
            });
        }
    }

    /** The alerts the oracle would judge too: day-bound windows inside the range (see the class comment). */
    private static Set<ViolationKey> comparable(List<Violation> alerts) {
        return alerts.stream().filter(v -> v.getRuleId().equals(RestBreakRule.ID) || insideTheRange(v))
                .map(ViolationKey::of).collect(Collectors.toSet());
    }

    private static boolean insideTheRange(Violation v) {
        ZoneId zone = PACK.region(v.getRegion()).zone();
        Instant start = FIRST.atStartOfDay(zone).toInstant();
        Instant end = FIRST.plusDays(DAYS).atStartOfDay(zone).toInstant();
        return !v.getWindowStart().isBefore(start) && !v.getWindowEnd().isAfter(end);
    }

    private static String sample(Set<ViolationKey> these, Set<ViolationKey> notIn, String rule) {
        return these.stream().filter(k -> k.rule().equals(rule) && !notIn.contains(k)).limit(5)
                .map(Object::toString).collect(Collectors.joining("; "));
    }
}
