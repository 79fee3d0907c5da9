package org.gigwatch.streams.workingtime;

import org.gigwatch.schemas.Topics;

/**
 * The topics the working-time and pay topologies read and write. The live monitor uses {@link #LIVE} (the
 * {@link Topics} names); a replay builds the same topologies over its own copies, so the live topics, state and
 * consumer groups are never touched (docs/REPLAY.md). Internal topics (repartition, changelogs) need no name here:
 * Kafka Streams prefixes them with the application id.
 */
public record StreamTopics(String sessions, String orders, String registrations, String payouts, String workingDays,
                           String violations, String late, String minimumWages, String holidays,
                           String categories) {
    public static final StreamTopics LIVE = new StreamTopics(Topics.SESSIONS, Topics.ORDERS, Topics.REGISTRATIONS,
            Topics.PAYOUTS, Topics.WORKING_DAYS, Topics.VIOLATIONS, Topics.LATE, Topics.MINIMUM_WAGES, Topics.HOLIDAYS,
            Topics.CATEGORIES);
}
