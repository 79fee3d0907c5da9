package org.gigwatch.streams.pay;

import java.time.Duration;
import org.gigwatch.schemas.rules.RulePack;

/**
 * What the pay topology is built with.
 *
 * @param registryUrl     the schema registry ({@code mock://<scope>} in topology tests)
 * @param rules           the rule pack: category parameters, region zones, what counts as working time, the holiday
 *                        calendar's name (minimum wages and holidays themselves come from their topics)
 * @param grace           how late an order or payout may arrive and still be applied as if it had come in order
 * @param dedupeRetention how long event ids are remembered; at least the grace period (older repeats are late anyway)
 */
public record PayConfig(String registryUrl, RulePack rules, Duration grace, Duration dedupeRetention) {
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

    public PayConfig {
        if (dedupeRetention.compareTo(grace) < 0) {
            throw new IllegalArgumentException("dedupeRetention " + dedupeRetention + " is shorter than the grace " + grace);
        }
    }

    /** The shipped cn pack, 10 min grace, ids kept 1 h. */
    public static PayConfig defaults(String registryUrl) {
        return new PayConfig(registryUrl, RulePack.shipped("cn"), DEFAULT_GRACE, Duration.ofHours(1));
    }

    public PayConfig withRules(RulePack pack) {
        return new PayConfig(registryUrl, pack, grace, dedupeRetention);
    }

    public PayConfig withGrace(Duration newGrace) {
        Duration retention = dedupeRetention.compareTo(newGrace) < 0 ? newGrace : dedupeRetention;
        return new PayConfig(registryUrl, rules, newGrace, retention);
    }
}
