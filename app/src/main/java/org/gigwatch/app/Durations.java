package org.gigwatch.app;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations people type: 60s, 5m, 2h, 1d, 500ms, 0 (none), or ISO-8601 (PT1M). */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    static Duration parse(String text) {
        String t = text.trim().toLowerCase();
        if (t.equals("0")) {
            return Duration.ZERO; // "off" where an option allows it, e.g. --tick 0
        }
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use e.g. 60s, 5m, 2h, 1d or PT1M");
        }
    }

    private Durations() {}
}
