package org.gigwatch.streams.workingtime;

import java.time.Duration;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;

/**
 * What the working-time topology is built with.
 *
 * @param registryUrl        the schema registry ({@code mock://<scope>} in topology tests)
 * @param rules              the rule pack (category parameters, region zones)
 * @param grace              how late an event may arrive and still be applied as if it had come in order
 * @param dedupeRetention    how long event ids are remembered; at least the grace period (older repeats are late anyway)
 * @param watermarkInterval  how often (in stream time) a platform task tells the cross-platform scope how far it got
 * @param upstreamPartitions partitions of the event topics = the platform-scope tasks the cross-platform scope waits for
 * @param personRetention    how long a person's state (registrations) is kept after the last sign of any of their
 *                           accounts; longer than the longest window a rule needs (a month)
 */
public record WorkingTimeConfig(String registryUrl, RulePack rules, Duration grace, Duration dedupeRetention,
                                Duration watermarkInterval, int upstreamPartitions, Duration personRetention) {
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_PERSON_RETENTION = Duration.ofDays(35);

    public WorkingTimeConfig {
        if (dedupeRetention.compareTo(grace) < 0) {
            throw new IllegalArgumentException("dedupeRetention " + dedupeRetention + " is shorter than the grace " + grace);
        }
        if (upstreamPartitions < 1) {
            throw new IllegalArgumentException("upstreamPartitions must be at least 1");
        }
        if (personRetention.isNegative() || personRetention.isZero()) {
            throw new IllegalArgumentException("personRetention must be positive, not " + personRetention);
        }
    }

    /**
     * The defaults: the shipped cn pack, 10 min grace, ids kept 1 h, a watermark per minute, 6 partitions, people kept
     * 35 days after their last sign.
     */
    public static WorkingTimeConfig defaults(String registryUrl) {
        return new WorkingTimeConfig(registryUrl, RulePack.shipped("cn"), DEFAULT_GRACE, Duration.ofHours(1),
                Duration.ofMinutes(1), Topics.WORKER_PARTITIONS, DEFAULT_PERSON_RETENTION);
    }

    public WorkingTimeConfig withGrace(Duration grace) {
        Duration retention = dedupeRetention.compareTo(grace) < 0 ? grace : dedupeRetention;
        return new WorkingTimeConfig(registryUrl, rules, grace, retention, watermarkInterval, upstreamPartitions,
                personRetention);
    }

    public WorkingTimeConfig withRules(RulePack pack) {
        return new WorkingTimeConfig(registryUrl, pack, grace, dedupeRetention, watermarkInterval, upstreamPartitions,
                personRetention);
    }

    public WorkingTimeConfig withDedupeRetention(Duration retention) {
        return new WorkingTimeConfig(registryUrl, rules, grace, retention, watermarkInterval, upstreamPartitions,
                personRetention);
    }

    public WorkingTimeConfig withWatermarkInterval(Duration interval) {
        return new WorkingTimeConfig(registryUrl, rules, grace, dedupeRetention, interval, upstreamPartitions,
                personRetention);
    }

    public WorkingTimeConfig withPersonRetention(Duration retention) {
        return new WorkingTimeConfig(registryUrl, rules, grace, dedupeRetention, watermarkInterval, upstreamPartitions,
                retention);
    }

    public WorkingTimeConfig withUpstreamPartitions(int partitions) {
        return new WorkingTimeConfig(registryUrl, rules, grace, dedupeRetention, watermarkInterval, partitions,
                personRetention);
    }
}
