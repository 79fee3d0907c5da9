package org.gigwatch.streams.workingtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.schemas.rules.RulePack;

/** Turns a rule's {@link Finding} into the {@link Violation} addressed to a worker. */
public final class Alerts {

    /** Who a finding is about. {@code platformId} is null in the cross-platform scope. */
    public record Subject(Scope scope, String workerKey, String platformId, List<String> platforms, String region,
                          String category) {}

    /**
     * The same violation always gets the same id: a name-based UUID of rule, scope, worker and window start (what
     * scoring matches on), so OPEN and UPDATED, and a re-emission after a restart, share it.
     */
    public static String alertId(String ruleId, Scope scope, String workerKey, long windowStart) {
        String name = ruleId + "|" + scope + "|" + workerKey + "|" + windowStart;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Violation violation(Finding f, Subject subject, RulePack pack) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("category", subject.category());
        details.put("intervals", intervals(f.boundaries()));
        return Violation.newBuilder()
                .setAlertId(alertId(f.ruleId(), subject.scope(), subject.workerKey(), f.windowStart()))
                .setRuleId(f.ruleId())
                .setScope(subject.scope())
                .setStatus(f.status())
                .setPlatformId(subject.platformId())
                .setPlatforms(subject.platforms())
                .setIndustries(industries(subject.platforms(), pack))
                .setWorkerKey(subject.workerKey())
                .setRegion(subject.region())
                .setWindowStart(Instant.ofEpochMilli(f.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(f.windowEnd()))
                .setDetectedAt(Instant.ofEpochMilli(f.detectedAt()))
                .setMeasured(f.measured())
                .setThreshold(f.threshold())
                .setUnit(f.unit())
                .setRuleDataVersion(pack.name() + "/categories.json#" + subject.category())
                .setEvidenceEventIds(f.evidenceEventIds())
                .setDetails(details)
                .build();
    }

    /** {@code start/end,start/end} in ISO instants: the working intervals behind the finding. */
    private static String intervals(List<Long> boundaries) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.size(); i += 2) {
            out.add(Instant.ofEpochMilli(boundaries.get(i)) + "/" + Instant.ofEpochMilli(boundaries.get(i + 1)));
        }
        return String.join(",", out);
    }

    /** The industries of these platforms (Industry symbols), for routing. */
    public static List<String> industries(List<String> platforms, RulePack pack) {
        return platforms.stream()
                .flatMap(id -> pack.platforms().stream().filter(p -> p.getPlatformId().equals(id)))
                .map(p -> p.getIndustry().name())
                .distinct()
                .toList();
    }

    private Alerts() {}
}
