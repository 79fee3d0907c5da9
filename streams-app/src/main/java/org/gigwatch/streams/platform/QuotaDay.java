package org.gigwatch.streams.platform;

import java.time.LocalDate;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePack;

/**
 * One account's local day as far as quotas go: its working time that day and, for each order it delivered that day
 * (cancelled ones do not count), the working time since local midnight at the delivery.
 *
 * @param epochDay the local day (epoch day: the state is plain JSON)
 * @param workedAt working ms since local midnight at each delivery of the day, ascending
 * @param legalMs  the statutory working day the quota is measured against (docs/PLATFORM-RULES.md)
 */
public record QuotaDay(String platformId, String workerId, String region, String role, long epochDay, long dayStart,
                       long dayEnd, long workedMs, long[] workedAt, long legalMs) {

    /**
     * The legal working day a quota is measured against: the category's daily standard, or the statutory 8 h day
     * (LABOR_CONTRACT's standard) for a category without one: the documents measure a post's quota against
     * 国家法定工时制度, whoever works it.
     */
    public static long legalMs(RulePack pack, EmploymentCategory category) {
        CategoryRules rules = pack.category(category);
        Integer minutes = rules.dailyStandardMinutes() != null ? rules.dailyStandardMinutes()
                : pack.category(EmploymentCategory.LABOR_CONTRACT).dailyStandardMinutes();
        return minutes * 60_000L;
    }

    /** The quota's subject: platformId/region/role, the key quota days are judged under. */
    public String group() {
        return group(platformId, region, role);
    }

    public static String group(String platformId, String region, String role) {
        return platformId + "/" + region + "/" + role;
    }

    public LocalDate day() {
        return LocalDate.ofEpochDay(epochDay);
    }

    /** Reached n orders within the legal working time (exactly the legal time counts). */
    public boolean reached(int n) {
        return n >= 1 && n <= workedAt.length && workedAt[n - 1] <= legalMs;
    }

    /** Counted under a quota of n: reached it in time, or worked the whole legal day (see QuotaFeasibility). */
    public boolean judged(int n) {
        return reached(n) || workedMs >= legalMs;
    }
}
