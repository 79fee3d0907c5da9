package org.gigwatch.simulator.model;

import java.time.LocalDate;

/**
 * A work quota a platform published: orders per day for a role in a region, in force from a local day on.
 *
 * @param publishedAt epoch ms of the Quota event
 */
public record PublishedQuota(String platformId, String region, String role, int ordersPerDay, LocalDate effectiveFrom,
                             long publishedAt) {}
