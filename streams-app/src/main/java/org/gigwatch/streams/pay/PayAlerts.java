package org.gigwatch.streams.pay;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.streams.workingtime.Alerts;

/** Turns a pay rule's {@link PayFinding} into the {@link Violation} addressed to an account (platform scope). */
final class PayAlerts {

    /**
     * @param account   platformId/workerId
     * @param category  the account's employment category: whose parameters decided it
     * @param currency  the account's currency, where the finding names none
     * @param categoryVersion the category entry whose parameters decided it ({@code topic#key})
     */
    static Violation violation(PayFinding f, String account, String region, String category, String currency,
                               String categoryVersion, RulePack pack, long detectedAt) {
        String platformId = account.substring(0, account.indexOf('/'));
        Map<String, String> details = new LinkedHashMap<>(f.details());
        details.put("category", category);
        return Violation.newBuilder()
                .setAlertId(Alerts.alertId(f.ruleId(), Scope.PLATFORM, account, f.windowStart()))
                .setRuleId(f.ruleId())
                .setScope(Scope.PLATFORM)
                .setStatus(f.status())
                .setPlatformId(platformId)
                .setPlatforms(List.of(platformId))
                .setIndustries(Alerts.industries(List.of(platformId), pack))
                .setWorkerKey(account)
                .setRegion(region)
                .setWindowStart(Instant.ofEpochMilli(f.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(f.windowEnd()))
                .setDetectedAt(Instant.ofEpochMilli(detectedAt))
                .setMeasured(f.measured())
                .setThreshold(f.threshold())
                .setUnit(f.unit())
                .setShortfall(f.shortfall())
                .setCurrency(f.currency() != null ? f.currency() : currency)
                .setRuleDataVersion(f.ruleDataVersion().isEmpty() ? categoryVersion : f.ruleDataVersion() + " " + categoryVersion)
                .setEvidenceEventIds(f.evidenceEventIds())
                .setDetails(details)
                .build();
    }

    private PayAlerts() {}
}
