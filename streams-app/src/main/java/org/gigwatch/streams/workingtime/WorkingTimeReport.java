package org.gigwatch.streams.workingtime;

import java.time.Instant;
import java.util.List;

/**
 * What the interactive query answers for one subject: a platform account ({@code platformId/workerId}, scope
 * PLATFORM) or a person ({@code workerKey}, scope CROSS_PLATFORM). Instants are ISO-8601 strings, durations whole
 * seconds (as in violations). The state is exact up to {@code asOf}, the subject's own clock (its last event or
 * timer); a subject {@code online} then is still working, and {@code stretch.crossesAt} says when that work reaches the
 * limit. See docs/WORKING-TIME.md, "Interactive queries".
 *
 * @param platforms      the platforms it concerns: the account's, or every platform the person is registered with
 * @param stretch        the current stretch of continuous work, null when none is in progress
 * @param today          the local day being counted, null when none is (or the category has no daily maximum)
 * @param openViolations violations reported and not over yet ({@link OpenViolations} defines "open")
 */
public record WorkingTimeReport(String key, String scope, List<String> platforms, String category, String region,
                                String asOf, boolean online, Stretch stretch, Today today,
                                List<OpenViolation> openViolations) {

    /**
     * @param crossesAt when the stretch reaches the limit: the instant it did (then {@code over}), or, while the worker
     *                  is online, the instant it will if they stay online; null while offline (it ends with the rest
     *                  unless they come back before)
     */
    public record Stretch(String start, String end, long workedSeconds, long limitSeconds, String crossesAt, boolean over) {}

    /** The local day (of the region's zone) being counted, and the category's daily maximum (null: none). */
    public record Today(String date, String zone, long workedSeconds, Long maximumSeconds) {}

    /** {@code measured} and {@code threshold} are in {@code unit} (SECONDS, or DAYS for NO_REST_DAY). */
    public record OpenViolation(String alertId, String ruleId, String status, String windowStart, String windowEnd,
                                String detectedAt, long measured, long threshold, String unit) {}

    static String instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
