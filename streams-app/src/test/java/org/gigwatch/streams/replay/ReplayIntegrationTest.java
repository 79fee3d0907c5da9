package org.gigwatch.streams.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.gigwatch.avro.Violation;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.streams.SimulatedHistory;
import org.gigwatch.streams.pay.PayConfig;
import org.gigwatch.streams.pay.PayTopology;
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
 * Replay on a real broker and registry: three simulated months (Jan to Mar 2025, a small population: the machine is
 * shared) run once through the live working-time and pay apps, as the monitor would have; then March is replayed
 * (with the default six weeks of warm-up) and gives the same violations as the live run for March: every violation
 * record whose window lies in March, compared on its id, status, measure, limit and money. Six workers: on two
 * shared cores under the other builds' load the live run of 20 workers (93,000 events) read a third of its input in
 * 13 minutes; {@code -Dgigwatch.it.replayWorkers=} for more. (Byte-identical replays with one and three threads:
 * {@link ReplayWhatIfIntegrationTest}.)
 */
class ReplayIntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(ReplayIntegrationTest.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate START = LocalDate.of(2025, 1, 1);
    private static final int DAYS = 90;
    private static final Instant MARCH = LocalDate.of(2025, 3, 1).atStartOfDay(ZONE).toInstant();
    private static final Instant APRIL = LocalDate.of(2025, 4, 1).atStartOfDay(ZONE).toInstant();

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    static SimulatedHistory history;
    static List<Violation> live;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void simulateThreeMonthsAndRunTheLiveMonitor() throws Exception {
        int workers = Integer.getInteger("gigwatch.it.replayWorkers", 6);
        history = SimulatedHistory.write(kafka, SimulatorConfig.builder().seed(7).workers(workers).startDate(START).days(DAYS)
                .violationRate(0.05).build(), RulePack.shipped("cn"));
        long end = APRIL.toEpochMilli();
        history.tick(List.of(Topics.SESSIONS), end + Duration.ofDays(1).toMillis());
        history.tick(List.of(Topics.ORDERS), end + PayConfig.DEFAULT_GRACE.toMillis());
        long began = System.nanoTime();
        // the live monitor: both apps side by side on the live topics, as StreamsRun runs them
        Topology workingTime = WorkingTimeTopology.buildTopology(WorkingTimeConfig.defaults(history.registryUrl()));
        Topology pay = PayTopology.buildTopology(PayConfig.defaults(history.registryUrl()));
        try (KafkaStreams wt = start(workingTime, WorkingTimeTopology.streamsProperties(kafka.bootstrapServers(),
                     stateDir.resolve("live-wt").toString()), "replay-it-live-wt");
             KafkaStreams p = start(pay, PayTopology.streamsProperties(kafka.bootstrapServers(),
                     stateDir.resolve("live-pay").toString()), "replay-it-live-pay")) {
            awaitDone(workingTime, "replay-it-live-wt", Set.of());
            awaitDone(pay, "replay-it-live-pay", Set.of(Topics.WORKING_DAYS));
        }
        live = new TopicReader(kafka.bootstrapServers()).readAll(Topics.VIOLATIONS, AvroSerde.specific(Violation.class, history.registryUrl()));
        log.info("live run: {} violation records in {} s", live.size(), (System.nanoTime() - began) / 1_000_000_000L);
    }

    @AfterAll
    static void stopRegistry() {
        if (history != null) {
            history.close();
        }
    }

    @Test
    void replayingMarchGivesTheLiveRunsMarchViolations() throws Exception {
        ReplayResult march = replay("march", 2);
        List<String> expected = inRange(live);
        log.info("live run: {} violation records in March", expected.size());
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(inRange(march.violations())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(march.lateEvents()).isEmpty();
        ReplayReport report = march.report("march");
        assertThat(report.groups().stream().mapToLong(ReplayReport.Group::workerDays).sum()).isPositive();
        log.info("replay report:\n{}", ReportTable.render(List.of(report)));
    }

    private static ReplayResult replay(String run, int threads) throws InterruptedException {
        long began = System.nanoTime();
        ReplayRequest request = new ReplayRequest(run, MARCH, APRIL, ReplayRequest.DEFAULT_WARM_UP, Set.of(), Set.of(),
                RulePack.shipped("cn"), false);
        ReplayResult result = new Replay(kafka.bootstrapServers(), history.registryUrl(), stateDir.resolve("replay"), threads,
                ReplayProgress.NONE).run(request);
        log.info("replay {} ({} threads): {} records copied, {} violation records in {} s", run, threads,
                result.recordsCopied(), result.violations().size(), (System.nanoTime() - began) / 1_000_000_000L);
        return result;
    }

    /** The violation records whose window lies in March: id, status, measure, limit and money. */
    private static List<String> inRange(List<Violation> violations) {
        List<String> keys = new ArrayList<>();
        for (Violation v : violations) {
            if (!v.getWindowStart().isBefore(MARCH) && !v.getWindowEnd().isAfter(APRIL)) {
                keys.add(String.join("|", v.getAlertId(), v.getRuleId(), v.getStatus().name(), v.getWindowStart().toString(),
                        v.getWindowEnd().toString(), Long.toString(v.getMeasured()), Long.toString(v.getThreshold()),
                        String.valueOf(v.getShortfall())));
            }
        }
        return keys;
    }

    private static KafkaStreams start(Topology topology, Properties props, String applicationId) {
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        KafkaStreams streams = new KafkaStreams(topology, props) {
            @Override
            public void close() {
                close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30)));
            }
        };
        streams.start();
        return streams;
    }

    private static void awaitDone(Topology topology, String applicationId, Set<String> transactional) throws Exception {
        Set<String> txn = new HashSet<>(transactional);
        List<String> sources = Replay.sourceTopics(topology, applicationId, txn);
        GroupProgress progress = new GroupProgress(kafka.admin(), applicationId, sources, txn);
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (!progress.poll().done()) {
            assertThat(System.nanoTime()).as(applicationId + " did not read its input in time").isLessThan(deadline);
            Thread.sleep(1000);
        }
    }
}
