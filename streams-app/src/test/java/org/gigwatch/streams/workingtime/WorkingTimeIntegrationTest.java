package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.gigwatch.avro.Violation;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.truth.ViolationKey;
import org.gigwatch.streams.SimulatedHistory;
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
    static SimulatedHistory history;
    static Set<ViolationKey> expected;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void simulateADay() {
        // a few hundred workers by default (2 shared cores); -Dgigwatch.it.workers=2000 for the size
        int workers = Integer.getInteger("gigwatch.it.workers", 400);
        history = SimulatedHistory.write(kafka, SimulatorConfig.builder().seed(7).workers(workers).startDate(DAY).days(1)
                .violationRate(0.1).build(), null);
        history.tick(WorkingTimeTopology.CLOCK_TOPICS,
                DAY.plusDays(2).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli());
        expected = history.expected(RULES);
    }

    @AfterAll
    static void stopRegistry() {
        if (history != null) {
            history.close();
        }
    }

    @Test
    void aSimulatedDayIsScoredPerfectlyOnRestBreakAndDailyHours() throws Exception {
        assertThat(expected).extracting(ViolationKey::rule).contains(RestBreakRule.ID, DailyHoursRule.ID);
        try (ViolationOutput output = history.output(); KafkaStreams streams = start("scored", stateDir.resolve("scored"))) {
            Set<ViolationKey> found = keys(output.readUntilQuiet(all -> keys(all).containsAll(expected)));
            SimulatedHistory.assertScoredPerfectly(expected, found, RULES);
        }
    }

    @Test
    void stoppedMidStreamAndRestartedItWritesWhatAnUninterruptedRunWrites() throws Exception {
        List<String> uninterrupted;
        try (ViolationOutput output = history.output(); KafkaStreams streams = start("uninterrupted", stateDir.resolve("u"))) {
            uninterrupted = values(output.readUntilQuiet(all -> keys(all).containsAll(expected)));
        }

        try (ViolationOutput output = history.output()) {
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
        return SimulatedHistory.start(WorkingTimeTopology.buildTopology(WorkingTimeConfig.defaults(history.registryUrl())), props);
    }

    private static Set<ViolationKey> keys(List<Violation> violations) {
        return violations.stream().map(ViolationKey::of).collect(Collectors.toSet());
    }

    private static List<String> values(List<Violation> violations) {
        return violations.stream().map(Violation::toString).toList();
    }
}
