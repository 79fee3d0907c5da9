package org.gigwatch.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.Violation;
import org.gigwatch.schemas.rules.RulePack;

/** An alert (its versions, oldest first) as the JSON the console's API answers with. */
public final class AlertJson {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final RulePack pack;
    private final Severities severities;
    private final Evidence evidence;

    public AlertJson(RulePack pack, Severities severities) {
        this.pack = pack;
        this.severities = severities;
        this.evidence = new Evidence(pack);
    }

    public String severity(Violation v) {
        return severities.of(v.getRuleId());
    }

    public ZoneId zone(Violation v) {
        return evidence.zone(v.getRegion());
    }

    /** The latest version, in a line of the list or the feed. */
    public Map<String, Object> summary(List<Violation> versions) {
        Violation v = versions.get(versions.size() - 1);
        ZoneId zone = zone(v);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alertId", v.getAlertId());
        out.put("ruleId", v.getRuleId());
        out.put("severity", severity(v));
        out.put("status", v.getStatus().name());
        out.put("scope", v.getScope().name());
        out.put("platformId", v.getPlatformId());
        out.put("platforms", v.getPlatforms());
        out.put("industries", v.getIndustries());
        out.put("workerKey", v.getWorkerKey());
        out.put("region", v.getRegion());
        out.put("regionName", regionName(v.getRegion()));
        out.put("windowStart", v.getWindowStart().toString());
        out.put("windowEnd", v.getWindowEnd().toString());
        out.put("localWindow", LOCAL.format(v.getWindowStart().atZone(zone)) + " – " + LOCAL.format(v.getWindowEnd().atZone(zone)));
        out.put("detectedAt", v.getDetectedAt().toString());
        out.put("detectedLocal", LOCAL.format(v.getDetectedAt().atZone(zone)));
        out.put("measured", v.getMeasured());
        out.put("threshold", v.getThreshold());
        out.put("unit", v.getUnit());
        out.put("shortfall", v.getShortfall());
        out.put("currency", v.getCurrency());
        out.put("evidence", evidence.describe(v));
        out.put("versions", versions.size());
        return out;
    }

    /** Everything about the alert: the summary, its history, the evidence and the worker's day as a timeline. */
    public Map<String, Object> detail(List<Violation> versions) {
        Violation v = versions.get(versions.size() - 1);
        Map<String, Object> out = summary(versions);
        out.put("history", versions.stream().map(h -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("status", h.getStatus().name());
            change.put("detectedAt", h.getDetectedAt().toString());
            change.put("detectedLocal", LOCAL.format(h.getDetectedAt().atZone(zone(h))));
            change.put("measured", h.getMeasured());
            change.put("windowEnd", h.getWindowEnd().toString());
            change.put("shortfall", h.getShortfall());
            change.put("evidence", evidence.describe(h));
            return change;
        }).toList());
        out.put("ruleDataVersion", v.getRuleDataVersion());
        out.put("evidenceEventIds", v.getEvidenceEventIds());
        out.put("details", new LinkedHashMap<>(v.getDetails()));
        out.put("timeline", timeline(v));
        return out;
    }

    /**
     * The working intervals in minutes since the local midnight that starts the window's day (a stretch past
     * midnight runs past 1440), for the page to draw.
     */
    private Map<String, Object> timeline(Violation v) {
        ZoneId zone = zone(v);
        LocalDate day = v.getWindowStart().atZone(zone).toLocalDate();
        ZonedDateTime midnight = day.atStartOfDay(zone);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("day", day.toString());
        out.put("zone", zone.getId());
        out.put("window", List.of(minutes(midnight, v.getWindowStart()), minutes(midnight, v.getWindowEnd())));
        out.put("intervals", Evidence.intervals(v).stream()
                .map(i -> List.of(minutes(midnight, i.start()), minutes(midnight, i.end()))).toList());
        return out;
    }

    private static long minutes(ZonedDateTime midnight, Instant at) {
        return ChronoUnit.MINUTES.between(midnight.toInstant(), at);
    }

    public String regionName(String region) {
        return pack.regions().stream().filter(r -> r.code().equals(region)).map(r -> r.name()).findFirst().orElse(region);
    }
}
