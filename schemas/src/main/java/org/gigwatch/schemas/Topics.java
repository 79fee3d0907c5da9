package org.gigwatch.schemas;

import java.util.List;

/**
 * Every topic gigwatch uses, with its partition count: the one place modules and tests take them from.
 *
 * <p>All per-worker topics share one partition count so that a worker's sessions, orders and payouts
 * meet in the same stream task (co-partitioning). Rule data is small and compacted: one partition keeps
 * its order total.
 */
public final class Topics {
    /** Partitions of every per-worker topic; co-partitioning depends on them being equal. */
    public static final int WORKER_PARTITIONS = 6;
    public static final int RULE_PARTITIONS = 1;

    public static final String SESSIONS = "gigwatch.events.sessions";
    public static final String ORDERS = "gigwatch.events.orders";
    public static final String PAYOUTS = "gigwatch.events.payouts";
    public static final String REGISTRATIONS = "gigwatch.events.registrations";
    public static final String QUOTAS = "gigwatch.events.quotas";
    /** Events older than the grace period, kept with the reason instead of being dropped. */
    public static final String LATE = "gigwatch.events.late";
    /** Events that were accepted but could not be placed, with the reason and the original payload. */
    public static final String DEAD_LETTER = "gigwatch.events.dead-letter";

    public static final String MINIMUM_WAGES = "gigwatch.rules.minimum-wages";
    public static final String HOLIDAYS = "gigwatch.rules.holidays";
    /** Each category's rule parameters per pack, effective-dated (CategoryParameters, key pack/category/effectiveFrom). */
    public static final String CATEGORIES = "gigwatch.rules.categories";
    public static final String PLATFORMS = "gigwatch.rules.platforms";
    public static final String ROUTING = "gigwatch.rules.routing";

    /** Each account's working time per local day, from the working-time topology to the pay rules (WorkingDay). */
    public static final String WORKING_DAYS = "gigwatch.worktime.days";

    public static final String VIOLATIONS = "gigwatch.violations";
    /** Who bears work-injury insurance responsibility for each incident on a trip (InjuryResponsibility), key workerKey. */
    public static final String RESPONSIBILITY = "gigwatch.responsibility";

    /** A topic to create: its name, partitions and whether it is compacted (latest value per key). */
    public record Spec(String name, int partitions, boolean compacted) {}

    /** The topics a platform writes to: per-worker events keyed by platformId/workerId. */
    public static final List<String> EVENT_TOPICS = List.of(SESSIONS, ORDERS, PAYOUTS, REGISTRATIONS, QUOTAS);

    public static final List<Spec> ALL = List.of(
            new Spec(SESSIONS, WORKER_PARTITIONS, false),
            new Spec(ORDERS, WORKER_PARTITIONS, false),
            new Spec(PAYOUTS, WORKER_PARTITIONS, false),
            new Spec(REGISTRATIONS, WORKER_PARTITIONS, true),
            new Spec(QUOTAS, WORKER_PARTITIONS, false),
            new Spec(LATE, WORKER_PARTITIONS, false),
            new Spec(DEAD_LETTER, WORKER_PARTITIONS, false),
            new Spec(MINIMUM_WAGES, RULE_PARTITIONS, true),
            new Spec(HOLIDAYS, RULE_PARTITIONS, true),
            new Spec(CATEGORIES, RULE_PARTITIONS, true),
            new Spec(PLATFORMS, RULE_PARTITIONS, true),
            new Spec(ROUTING, RULE_PARTITIONS, true),
            new Spec(WORKING_DAYS, WORKER_PARTITIONS, false),
            new Spec(VIOLATIONS, WORKER_PARTITIONS, false),
            new Spec(RESPONSIBILITY, WORKER_PARTITIONS, false));

    /** The topic a regulator department of a region (a city, or a province such as 330000) watches. */
    public static String regulator(String region, String department) {
        return "gigwatch.regulator." + region + "." + department;
    }

    /** The key of a per-worker event in the platform scope. */
    public static String workerKey(String platformId, String workerId) {
        return platformId + "/" + workerId;
    }

    private Topics() {}
}
