package org.gigwatch.simulator.model;

import org.gigwatch.schemas.Topics;

/** A worker's account with one platform; {@code key} is the platform-scope worker key, platformId/workerId. */
public record Account(String platformId, String workerId, String key) {
    public static Account of(String platformId, String workerId) {
        return new Account(platformId, workerId, Topics.workerKey(platformId, workerId));
    }
}
