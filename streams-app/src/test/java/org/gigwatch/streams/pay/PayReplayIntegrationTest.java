package org.gigwatch.streams.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.Violation;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.truth.ViolationKey;
import org.gigwatch.streams.SimulatedHistory;
import org.gigwatch.streams.workingtime.ViolationOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pay app run again over the same data, on a real broker (exactly-once, RocksDB, read_committed output): a
 * small simulated history (three weeks: a month end, the October holidays, arrears due dates) with the cn pack
 * published, the working-time app writing the working days once (it runs for the whole class), and a first pay
 * run whose violations every other run is compared with, as the bytes written:
 * <ol>
 *   <li>stopped mid-stream and restarted on an empty state directory, it writes what the first run wrote;</li>
 *   <li>after a minimum-wage change is published for a date after the data, a replay under a fresh application id
 *       writes what the first run wrote;</li>
 *   <li>after a change is published for a date inside the data (one region's minimum doubled), a replay changes
 *       that region's MIN_WAGE alerts from that date on, and nothing else.</li>
 * </ol>
 * The runs share the rule topics, so they run in this order (the last one changes the past of the data).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayReplayIntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(PayReplayIntegrationTest.class);
    private static final LocalDate START = LocalDate.of(2025, 9, 22);
    private static final int DAYS = 21;
    private static final LocalDate CHANGE = LocalDate.of(2025, 10, 6);
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final RulePack CN = RulePack.shipped("cn");

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    static SimulatedHistory history;
    static Set<ViolationKey> expected;
    static KafkaStreams workingTime;
    /** The first pay run's violations and their bytes (hex), in the order read. */
    static List<Violation> first;
    static List<String> firstBytes;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void simulateAndRunOnce() throws Exception {
        int workers = Integer.getInteger("gigwatch.it.payReplayWorkers", 24);
        history = SimulatedHistory.write(kafka, SimulatorConfig.builder().seed(5).workers(workers).startDate(START).days(DAYS)
                .violationRate(0.2).build(), CN);
        PayRuns.tickPastTheRange(history, START, DAYS);
        expected = history.expected(PayRuns.RULES);
        workingTime = PayRuns.startWorkingTime(kafka, history, "pay-replay-working-time", stateDir.resolve("working-time"));
        long began = System.nanoTime();
        try (ViolationOutput output = history.output();
             KafkaStreams pay = PayRuns.startPay(kafka, history, "pay-replay-first", stateDir.resolve("first"))) {
            first = output.readUntil(all -> PayRuns.keys(all).containsAll(expected), QUIET, LIMIT).stream()
                    .filter(PayRuns::isPay).toList();
            firstBytes = output.bytesOf(PayRuns::isPay);
        }
        log.info("first pay run: {} violations in {} s; {}", first.size(), (System.nanoTime() - began) / 1_000_000_000L,
                first.stream().collect(Collectors.groupingBy(Violation::getRuleId, Collectors.counting())));
        assertThat(PayRuns.keys(first)).as("the first run found the ground truth").containsAll(expected);
    }

    @AfterAll
    static void stop() {
        if (workingTime != null) {
            workingTime.close();
        }
        if (history != null) {
            history.close();
        }
    }

    @Test
    @Order(1)
    void stoppedMidStreamAndRestartedItWritesWhatAnUninterruptedRunWrites() throws Exception {
        try (ViolationOutput output = history.output()) {
            try (KafkaStreams once = PayRuns.startPay(kafka, history, "pay-replay-restarted", stateDir.resolve("r1"))) {
                output.readUntil(all -> all.stream().filter(PayRuns::isPay).count() >= first.size() / 2, Duration.ZERO, LIMIT);
            }
            // a fresh state directory: the restarted instance rebuilds its state from the changelogs
            try (KafkaStreams again = PayRuns.startPay(kafka, history, "pay-replay-restarted", stateDir.resolve("r2"))) {
                output.readUntil(all -> PayRuns.keys(all).containsAll(expected), QUIET, LIMIT);
            }
            assertThat(output.bytesOf(PayRuns::isPay)).as("no duplicates, none missing, the same bytes")
                    .containsExactlyInAnyOrderElementsOf(firstBytes);
        }
    }

    @Test
    @Order(2)
    void aMinimumWageChangeForADateAfterTheDataLeavesAReplayByteIdentical() throws Exception {
        LocalDate future = START.plusDays(DAYS + 60);
        for (var region : CN.regions()) {
            MinimumWage current = CN.minimumWageOn(region.code(), future).orElseThrow();
            history.publish(Topics.MINIMUM_WAGES, RuleTables.wageKey(region.code(), future), MinimumWage.newBuilder(current)
                    .setEffectiveFrom(future).setHourly(current.getHourly() * 2).setSource("test: doubled").build());
        }
        try (ViolationOutput output = history.output();
             KafkaStreams replay = PayRuns.startPay(kafka, history, "pay-replay-future-change", stateDir.resolve("future"))) {
            output.readUntil(all -> PayRuns.keys(all).containsAll(expected), QUIET, LIMIT);
            assertThat(firstBytes).isNotEmpty();
            assertThat(output.bytesOf(PayRuns::isPay)).containsExactlyInAnyOrderElementsOf(firstBytes);
        }
    }

    @Test
    @Order(3)
    void aMinimumWageChangeInsideTheDataChangesItsRegionsMinWageAlertsFromItsDateOnly() throws Exception {
        String region = mostFrequent(first.stream().filter(v -> v.getRuleId().equals(MinWageRule.ID)).map(Violation::getRegion).toList());
        MinimumWage before = CN.minimumWageOn(region, CHANGE).orElseThrow();
        long doubled = before.getHourly() * 2;
        history.publish(Topics.MINIMUM_WAGES, RuleTables.wageKey(region, CHANGE),
                MinimumWage.newBuilder(before).setEffectiveFrom(CHANGE).setHourly(doubled).setSource("test: doubled").build());
        Instant from = CHANGE.atStartOfDay(CN.region(region).zone()).toInstant();
        Predicate<Violation> changed = v -> v.getRuleId().equals(MinWageRule.ID) && v.getRegion().equals(region)
                && !v.getWindowStart().isBefore(from);
        Set<ViolationKey> firstKeys = PayRuns.keys(first);

        try (ViolationOutput output = history.output();
             KafkaStreams replay = PayRuns.startPay(kafka, history, "pay-replay-past-change", stateDir.resolve("past"))) {
            // a higher minimum keeps every shortfall and adds some
            List<Violation> all = output.readUntil(read -> PayRuns.keys(read).containsAll(firstKeys), QUIET, LIMIT);
            Predicate<Violation> pay = PayRuns::isPay;
            assertThat(output.bytesOf(pay.and(changed.negate())))
                    .as("everything else, byte for byte").containsExactlyInAnyOrderElementsOf(bytes(pay.and(changed.negate())));

            List<Violation> after = all.stream().filter(changed).toList();
            long wereBefore = first.stream().filter(changed).count();
            log.info("MIN_WAGE alerts in {} from {}: {} before the change, {} after", region, CHANGE, wereBefore, after.size());
            assertThat(after).hasSizeGreaterThan((int) wereBefore);
            assertThat(PayRuns.keys(after)).containsAll(PayRuns.keys(first.stream().filter(changed).toList()));
            for (Violation v : after) { // by hand: ⌊doubled hourly × working ms / 3,600,000⌋
                long workedMs = Long.parseLong(v.getDetails().get("workedMillis"));
                assertThat(v.getThreshold()).isEqualTo(doubled * workedMs / 3_600_000L);
                assertThat(v.getMeasured()).isLessThan(v.getThreshold());
                assertThat(v.getRuleDataVersion()).startsWith(Topics.MINIMUM_WAGES + "#" + region + "/" + CHANGE);
            }
        }
    }

    /** The first run's bytes of the violations {@code which} selects. */
    private static List<String> bytes(Predicate<Violation> which) {
        return java.util.stream.IntStream.range(0, first.size()).filter(i -> which.test(first.get(i)))
                .mapToObj(firstBytes::get).toList();
    }

    private static String mostFrequent(List<String> values) {
        Map<String, Long> counts = values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
