package org.gigwatch.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.RulePack;

/** One violation as one human-readable line: rule, status, scope, worker, region, local window, measure vs limit. */
final class ViolationLine {
    private static final ZoneId FALLBACK_ZONE = ZoneId.of("Asia/Shanghai"); // as the topology does (WORKING-TIME.md)
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    static String format(Violation v, RulePack pack) {
        ZoneId zone = zone(pack, v.getRegion());
        ZonedDateTime start = v.getWindowStart().atZone(zone);
        ZonedDateTime end = v.getWindowEnd().atZone(zone);
        String window = DAY_TIME.format(start) + " to "
                + (start.toLocalDate().equals(end.toLocalDate()) ? TIME : DAY_TIME).format(end) + " " + zone.getId();
        return String.format("violation %-11s %-7s %-14s worker %s, region %s, %s: %s",
                v.getRuleId(), v.getStatus(), v.getScope(), v.getWorkerKey() == null ? "-" : v.getWorkerKey(),
                v.getRegion(), window, measure(v));
    }

    /** The measure against the limit in plain words. */
    static String measure(Violation v) {
        if (!"SECONDS".equals(v.getUnit())) {
            return "measured " + v.getMeasured() + " " + v.getUnit() + " against a limit of " + v.getThreshold() + " " + v.getUnit();
        }
        String measured = duration(v.getMeasured());
        String limit = duration(v.getThreshold());
        return switch (v.getRuleId()) {
            // an OPEN alert is stamped at the crossing, where the measure equals the limit: say it was passed
            case "REST_BREAK" -> v.getStatus() == ViolationStatus.OPEN
                    ? "worked past " + limit + " without a qualifying rest, still working"
                    : "worked " + measured + " without a qualifying rest (limit " + limit + ")";
            case "DAILY_HOURS" -> "worked " + measured + " in the day (limit " + limit + ")";
            default -> "measured " + measured + " (limit " + limit + ")";
        };
    }

    /** Seconds as {@code 4 h 05 min} (seconds shown only when there are any). */
    static String duration(long seconds) {
        String text = String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60);
        return seconds % 60 == 0 ? text : text + String.format(" %02d s", seconds % 60);
    }

    private static ZoneId zone(RulePack pack, String region) {
        try {
            return pack.region(region).zone();
        } catch (IllegalArgumentException e) {
            return FALLBACK_ZONE;
        }
    }

    private ViolationLine() {}
}
