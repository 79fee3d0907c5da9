package org.gigwatch.streams.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.gigwatch.avro.Violation;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.truth.ViolationKey;
import org.gigwatch.streams.SimulatedHistory;
import org.gigwatch.streams.workingtime.ViolationOutput;
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
 * scored against the simulator's ground truth. Replays and a restart are {@link PayReplayIntegrationTest}'s, on a
 * smaller history. The clock: {@link PayRuns#tickPastTheRange}.
 */
class PayIntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(PayIntegrationTest.class);
    private static final LocalDate START = LocalDate.of(2025, 9, 29);
    private static final int DAYS = 35;
    private static final Duration QUIET = Duration.ofSeconds(10);

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    static SimulatedHistory history;
    static Set<ViolationKey> expected;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void simulateAMonth() {
        int workers = Integer.getInteger("gigwatch.it.payWorkers", 200);
        history = SimulatedHistory.write(kafka, SimulatorConfig.builder().seed(11).workers(workers).startDate(START).days(DAYS)
                .violationRate(0.05).build(), RulePack.shipped("cn"));
        PayRuns.tickPastTheRange(history, START, DAYS);
        expected = history.expected(PayRuns.RULES);
    }

    @AfterAll
    static void stopRegistry() {
        if (history != null) {
            history.close();
        }
    }

    @Test
    void aSimulatedMonthIsScoredPerfectlyOnEveryPayRule() throws Exception {
        assertThat(expected).extracting(ViolationKey::rule).containsAll(PayRuns.RULES);
        try (ViolationOutput output = history.output();
             KafkaStreams workingTime = PayRuns.startWorkingTime(kafka, history, "pay-it-working-time", stateDir.resolve("working-time"));
             KafkaStreams pay = PayRuns.startPay(kafka, history, "pay-it-scored", stateDir.resolve("scored"))) {
            long began = System.nanoTime();
            List<Violation> found = output.readUntil(all -> PayRuns.keys(all).containsAll(expected), QUIET,
                    Duration.ofMinutes(Integer.getInteger("gigwatch.it.payMinutes", 40)));
            log.info("pay violations read in {} s: {}", (System.nanoTime() - began) / 1_000_000_000L, found.size());
            SimulatedHistory.assertScoredPerfectly(expected, PayRuns.keys(found), PayRuns.RULES);
        }
    }
}
