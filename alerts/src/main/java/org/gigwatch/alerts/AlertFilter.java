package org.gigwatch.alerts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;

/**
 * The console's filters, as query parameters of the list, the feed and the charts: rule, platform, industry,
 * severity, status, and a range of local days ({@code from}, {@code to}, inclusive) of the violation's window start.
 * Absent means any.
 */
public record AlertFilter(String rule, String platform, String industry, String severity, ViolationStatus status,
                          LocalDate from, LocalDate to) {

    /** Reads the filters from query parameters; a bad value is an {@link IllegalArgumentException} naming the field. */
    public static AlertFilter from(Function<String, String> query) {
        String severity = upper(query.apply("severity"));
        if (severity != null && !Severities.LEVELS.contains(severity)) {
            throw new IllegalArgumentException("severity: '" + severity + "' is not one of " + Severities.LEVELS);
        }
        String status = upper(query.apply("status"));
        ViolationStatus parsedStatus;
        try {
            parsedStatus = status == null ? null : ViolationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status: '" + status + "' is not OPEN, UPDATED or RESOLVED");
        }
        LocalDate from = date(query.apply("from"), "from");
        LocalDate to = date(query.apply("to"), "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to: " + to + " is before from " + from);
        }
        return new AlertFilter(upper(query.apply("rule")), blankToNull(query.apply("platform")), upper(query.apply("industry")),
                severity, parsedStatus, from, to);
    }

    public boolean matches(Violation v, String severityOfRule, ZoneId zone) {
        LocalDate day = v.getWindowStart().atZone(zone).toLocalDate();
        return (rule == null || rule.equals(v.getRuleId()))
                && (platform == null || v.getPlatforms().contains(platform) || platform.equals(v.getPlatformId()))
                && (industry == null || v.getIndustries().contains(industry))
                && (severity == null || severity.equals(severityOfRule))
                && (status == null || status == v.getStatus())
                && inRange(day);
    }

    public boolean inRange(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    private static LocalDate date(String value, String field) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static String upper(String value) {
        return blankToNull(value) == null ? null : value.trim().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
