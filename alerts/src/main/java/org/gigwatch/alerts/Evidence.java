package org.gigwatch.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.WorkingTimeBasis;

/**
 * A violation's evidence in plain words for a regulator, e.g. "online 08:02–12:31 on 2 platforms, longest gap
 * 12 min, no rest of 20 min". Rules with interval evidence (REST_BREAK, DAILY_HOURS) are told from their intervals;
 * any other rule, known or not yet, from its measure, limit and shortfall in their units.
 */
public final class Evidence {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    /** One working interval behind a finding. */
    public record Interval(Instant start, Instant end) {}

    private final RulePack pack;

    public Evidence(RulePack pack) {
        this.pack = pack;
    }

    public ZoneId zone(String region) {
        try {
            return pack.region(region).zone();
        } catch (IllegalArgumentException e) {
            return ZoneId.of("Asia/Shanghai"); // as the topologies do for a region outside the pack
        }
    }

    public String describe(Violation v) {
        ZoneId zone = zone(v.getRegion());
        List<Interval> intervals = intervals(v);
        String working = pack.workingTime() == WorkingTimeBasis.ONLINE ? "online" : "on orders";
        return switch (v.getRuleId()) {
            case "REST_BREAK" -> {
                String rest = restMinutes(v) + " min";
                String stretch = intervals.isEmpty() ? "" : working + " " + span(intervals, zone) + " " + platforms(v) + ", "
                        + longestGap(intervals) + ", ";
                yield stretch + "no rest of " + rest + (v.getStatus() == ViolationStatus.OPEN
                        ? ": past " + duration(v.getThreshold()) + " without a qualifying rest, still working"
                        : ": " + duration(v.getMeasured()) + " without a qualifying rest (limit " + duration(v.getThreshold()) + ")");
            }
            case "DAILY_HOURS" -> "worked " + duration(v.getMeasured()) + " on " + DAY.format(v.getWindowStart().atZone(zone))
                    + " (limit " + duration(v.getThreshold()) + ")"
                    + (intervals.isEmpty() ? "" : ", " + working + " " + span(intervals, zone) + " in "
                    + count(intervals.size(), "stretch", "stretches") + " " + platforms(v));
            default -> measure(v) + money(v);
        };
    }

    /** The working intervals of {@code details.intervals} ({@code start/end,...} in ISO instants); none if absent. */
    public static List<Interval> intervals(Violation v) {
        String text = v.getDetails().get("intervals");
        List<Interval> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split(",")) {
            String[] ends = pair.split("/");
            if (ends.length == 2) {
                out.add(new Interval(Instant.parse(ends[0].trim()), Instant.parse(ends[1].trim())));
            }
        }
        return out;
    }

    private int restMinutes(Violation v) {
        String category = v.getDetails().get("category");
        try {
            return pack.category(EmploymentCategory.valueOf(category)).qualifyingRestMinutes();
        } catch (RuntimeException e) { // no or an unknown category: the least any category asks
            return pack.category(EmploymentCategory.LABOR_CONTRACT).qualifyingRestMinutes();
        }
    }

    private static String span(List<Interval> intervals, ZoneId zone) {
        ZonedDateTime start = intervals.get(0).start().atZone(zone);
        ZonedDateTime end = intervals.get(intervals.size() - 1).end().atZone(zone);
        return TIME.format(start) + "–" + TIME.format(end) + (start.toLocalDate().equals(end.toLocalDate()) ? "" : " (next day)");
    }

    private static String longestGap(List<Interval> intervals) {
        long longest = 0;
        for (int i = 1; i < intervals.size(); i++) {
            longest = Math.max(longest, intervals.get(i).start().getEpochSecond() - intervals.get(i - 1).end().getEpochSecond());
        }
        return longest == 0 ? "no gap" : "longest gap " + minutes(longest);
    }

    private static String platforms(Violation v) {
        List<String> platforms = v.getPlatforms();
        return platforms.size() <= 1 ? "on " + (platforms.isEmpty() ? v.getPlatformId() : platforms.get(0))
                : "on " + platforms.size() + " platforms (" + String.join(", ", platforms) + ")";
    }

    /** The measure against the limit, in the violation's unit. */
    private static String measure(Violation v) {
        String rule = v.getRuleId();
        return switch (v.getUnit()) {
            case "SECONDS" -> rule + ": " + duration(v.getMeasured()) + " (limit " + duration(v.getThreshold()) + ")";
            case "MINOR_UNITS_PER_HOUR" -> rule + ": paid " + amount(v.getMeasured(), v.getCurrency()) + " an hour (minimum "
                    + amount(v.getThreshold(), v.getCurrency()) + " an hour)";
            case "MINOR_UNITS" -> rule + ": " + amount(v.getMeasured(), v.getCurrency()) + " (limit "
                    + amount(v.getThreshold(), v.getCurrency()) + ")";
            case "BASIS_POINTS" -> rule + ": " + percent(v.getMeasured()) + " (limit " + percent(v.getThreshold()) + ")";
            case "DAYS" -> rule + ": " + count(v.getMeasured(), "day", "days") + " (limit " + count(v.getThreshold(), "day", "days") + ")";
            default -> rule + ": measured " + v.getMeasured() + " " + v.getUnit() + " against a limit of " + v.getThreshold() + " " + v.getUnit();
        };
    }

    private static String money(Violation v) {
        return v.getShortfall() == null ? "" : "; owed to the worker: " + amount(v.getShortfall(), v.getCurrency());
    }

    /** Minor units as an amount with its currency, e.g. ¥35.20. */
    static String amount(long minorUnits, String currency) {
        String sign = minorUnits < 0 ? "-" : "";
        long abs = Math.abs(minorUnits);
        String number = String.format(Locale.ROOT, "%s%d.%02d", sign, abs / 100, abs % 100);
        return currency == null || "CNY".equals(currency) ? "¥" + number : number + " " + currency;
    }

    /** Seconds as {@code 4 h 05 min}. */
    static String duration(long seconds) {
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    private static String minutes(long seconds) {
        return (seconds + 30) / 60 + " min";
    }

    private static String percent(long basisPoints) {
        return String.format(Locale.ROOT, "%d.%02d%%", basisPoints / 100, basisPoints % 100);
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
