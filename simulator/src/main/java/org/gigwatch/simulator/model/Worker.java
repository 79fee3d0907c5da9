package org.gigwatch.simulator.model;

import java.util.List;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.Industry;

/**
 * A person who works on one or more platforms of one industry, in one region.
 *
 * @param index     position in the population; orders ties in the output deterministically
 * @param workerKey HMAC-SHA256 of the region secret and a synthetic identity number (hex); links the accounts
 * @param accounts  one per platform, all with the same category (the first is the main one)
 */
public record Worker(int index, String workerKey, String region, Industry industry, EmploymentCategory category,
                     String role, List<Account> accounts) {
    public Worker {
        accounts = List.copyOf(accounts);
    }

    /** Whether the cross-platform scope judges this person: registered with two or more platforms. */
    public boolean multiPlatform() {
        return accounts.size() > 1;
    }
}
