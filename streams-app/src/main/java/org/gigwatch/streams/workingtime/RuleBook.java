package org.gigwatch.streams.workingtime;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The working-time rules for a category in a region, from the rule pack (built once per pair). */
final class RuleBook {
    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);
    /** Unregistered workers are judged as INDEPENDENT: REST_BREAK only, which every category has. */
    static final String UNREGISTERED = EmploymentCategory.INDEPENDENT.name();
    private static final ZoneId FALLBACK_ZONE = ZoneId.of("Asia/Shanghai");

    private final RulePack pack;
    private final Map<String, WorkingTime.Rules> cache = new HashMap<>();

    RuleBook(RulePack pack) {
        this.pack = pack;
    }

    RulePack pack() {
        return pack;
    }

    WorkingTime.Rules rules(String category, String region) {
        return cache.computeIfAbsent(category + "@" + region, k -> {
            CategoryRules rules = pack.category(EmploymentCategory.valueOf(category));
            return new WorkingTime.Rules(pack.workingTime(), zone(region), RestBreakRule.of(rules), DailyHoursRule.of(rules));
        });
    }

    private ZoneId zone(String region) {
        try {
            return pack.region(region).zone();
        } catch (IllegalArgumentException e) {
            log.warn("region {} is not in rule pack {}; its local days are counted in {}", region, pack.name(), FALLBACK_ZONE);
            return FALLBACK_ZONE;
        }
    }
}
