package org.gigwatch.streams.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.streams.workingtime.StreamTopics;

/**
 * One replay: which range of history, under which rules, into which topics.
 *
 * @param run       the run's name: part of its topic names and application ids (letters, digits, '-', '_')
 * @param from      the range's start: the report covers violations whose window lies in [from, to)
 * @param to        the range's end; input from here on is not read
 * @param warmUp    how much history before {@code from} is replayed too, so that windows reaching back (a month's
 *                  overtime, 28 reference days of holiday pay, 31 days of arrears) have their state at {@code from}
 * @param regions   only workers registered in these regions (empty: all)
 * @param platforms only these platforms' accounts (empty: all)
 * @param pack      the rule pack the topologies are built with
 * @param whatIf    true: the pack's minimum wages and holidays are published to the run's own rule topics and used
 *                  instead of the live rule topics (which are read whole otherwise: the rules in force then)
 */
public record ReplayRequest(String run, Instant from, Instant to, Duration warmUp, Set<String> regions,
                            Set<String> platforms, RulePack pack, boolean whatIf) {
    /** Six weeks: the longest look-back of the shipped rules (28 non-holiday reference days, 31 days of arrears). */
    public static final Duration DEFAULT_WARM_UP = Duration.ofDays(42);
    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    public ReplayRequest {
        if (run == null || !RUN.matcher(run).matches()) {
            throw new IllegalArgumentException("run: '" + run + "' must be 1 to 100 letters, digits, '-' or '_'");
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("from/to: the range [" + from + ", " + to + ") is empty");
        }
        if (warmUp == null || warmUp.isNegative()) {
            throw new IllegalArgumentException("warmUp: must be zero or more, not " + warmUp);
        }
        regions = Set.copyOf(regions);
        platforms = Set.copyOf(platforms);
    }

    /** Where the replay reads: from {@code from − warmUp}. */
    public Instant readFrom() {
        return from.minus(warmUp);
    }

    /** The run's topics: its own copies of the inputs, its outputs, and the live rule topics unless what-if. */
    public StreamTopics topics() {
        String prefix = "gigwatch.replay." + run + ".";
        return new StreamTopics(prefix + "sessions", prefix + "orders", prefix + "registrations", prefix + "payouts",
                prefix + "worktime.days", violationsTopic(), prefix + "late",
                whatIf ? prefix + "rules.minimum-wages" : Topics.MINIMUM_WAGES,
                whatIf ? prefix + "rules.holidays" : Topics.HOLIDAYS,
                whatIf ? prefix + "rules.categories" : Topics.CATEGORIES);
    }

    public String violationsTopic() {
        return "gigwatch.replay." + run + ".violations";
    }

    public String workingTimeApplicationId() {
        return "gigwatch-replay-" + run + "-working-time";
    }

    public String payApplicationId() {
        return "gigwatch-replay-" + run + "-pay";
    }

    /** Whether an account (its platform) passes the platform filter. */
    boolean platformSelected(String platformId) {
        return platforms.isEmpty() || platforms.contains(platformId);
    }

    boolean regionSelected(String region) {
        return regions.isEmpty() || regions.contains(region);
    }
}
