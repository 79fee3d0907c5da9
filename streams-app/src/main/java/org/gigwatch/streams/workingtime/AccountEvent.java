package org.gigwatch.streams.workingtime;

import org.apache.avro.specific.SpecificRecord;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.SessionEvent;

/**
 * What an account-scope processor needs of a session or order event it holds back: who, where, which and when. The
 * working-time and the platform topologies both read the two kinds through it.
 */
public record AccountEvent(String platformId, String workerId, String workerKey, String region, String eventId, long at) {
    public static AccountEvent of(SpecificRecord value) {
        if (value instanceof SessionEvent e) {
            return new AccountEvent(e.getPlatformId(), e.getWorkerId(), e.getWorkerKey(), e.getRegion(), e.getEventId(),
                    e.getOccurredAt().toEpochMilli());
        }
        if (value instanceof OrderEvent e) {
            return new AccountEvent(e.getPlatformId(), e.getWorkerId(), e.getWorkerKey(), e.getRegion(), e.getEventId(),
                    e.getOccurredAt().toEpochMilli());
        }
        throw new IllegalArgumentException("neither a session nor an order event: " + value.getSchema().getFullName());
    }
}
