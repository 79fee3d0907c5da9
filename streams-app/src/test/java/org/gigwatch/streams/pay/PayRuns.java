package org.gigwatch.streams.pay;

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
import org.gigwatch.schemas.Topics;
import org.gigwatch.simulator.truth.ViolationKey;
import org.gigwatch.streams.SimulatedHistory;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;

/**
 * The pay integration tests' runs: the working-time app (which writes gigwatch.worktime.days) and the pay app on a
 * simulated history, each under its own application id. Replaying weeks, stream time races, and three defaults made
 * for live time cost more than the events themselves: exactly-once's 100 ms commits (here every second: fewer, larger
 * transactions), a watermark a minute, and event ids kept for an hour, which opens a new RocksDB segment every 30
 * minutes of stream time in each task (here 12 hours; a replay took 9 minutes for 27,000 events with the default).
 * None of them changes what the alerts say, only when they appear.
 */
final class PayRuns {
    static final List<String> RULES = List.of(MinWageRule.ID, HolidayPayRule.ID, DepositRule.ID, WageArrears.ID,
            WithheldPayRule.ID);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int COMMIT_INTERVAL_MS = 1000;
    private static final Duration WATERMARK_INTERVAL = Duration.ofHours(1);
    private static final Duration DEDUPE_RETENTION = Duration.ofHours(12);

    /**
     * One tick per partition of the sessions topic a day past the range (the working-time app's last days and
     * stretches), and one on the orders topic at the range's end plus the grace period: the pay app's clock then
     * stands exactly at the range's end, as the oracle's (due instants strictly before it are judged, months and days
     * ending at it are).
     */
    static void tickPastTheRange(SimulatedHistory history, LocalDate start, int days) {
        long rangeEnd = start.plusDays(days).atStartOfDay(ZONE).toInstant().toEpochMilli();
        history.tick(List.of(Topics.SESSIONS), rangeEnd + Duration.ofDays(1).toMillis());
        history.tick(List.of(Topics.ORDERS), rangeEnd + PayConfig.DEFAULT_GRACE.toMillis());
    }

    static KafkaStreams startWorkingTime(KafkaFixture kafka, SimulatedHistory history, String applicationId, Path dir)
            throws Exception {
        var props = WorkingTimeTopology.streamsProperties(kafka.bootstrapServers(), Files.createDirectories(dir).toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        return SimulatedHistory.start(WorkingTimeTopology.buildTopology(WorkingTimeConfig.defaults(history.registryUrl())
                .withWatermarkInterval(WATERMARK_INTERVAL).withDedupeRetention(DEDUPE_RETENTION)), props);
    }

    static KafkaStreams startPay(KafkaFixture kafka, SimulatedHistory history, String applicationId, Path dir)
            throws Exception {
        var props = PayTopology.streamsProperties(kafka.bootstrapServers(), Files.createDirectories(dir).toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        PayConfig defaults = PayConfig.defaults(history.registryUrl());
        return SimulatedHistory.start(PayTopology.buildTopology(
                new PayConfig(defaults.registryUrl(), defaults.rules(), defaults.grace(), DEDUPE_RETENTION)), props);
    }

    /** The keys of the pay rules' violations among them (the working-time app writes to the same topic). */
    static Set<ViolationKey> keys(List<Violation> violations) {
        return violations.stream().filter(PayRuns::isPay).map(ViolationKey::of).collect(Collectors.toSet());
    }

    static boolean isPay(Violation v) {
        return RULES.contains(v.getRuleId());
    }

    private PayRuns() {}
}
