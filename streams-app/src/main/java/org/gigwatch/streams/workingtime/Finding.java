package org.gigwatch.streams.workingtime;

import java.util.List;
import org.gigwatch.avro.ViolationStatus;

/**
 * What a rule found, before it is addressed to a worker: the rule classes produce these so that they stay free
 * of Kafka and of identity. {@code boundaries} are the working intervals behind it, flat: start, end, start, end...
 */
public record Finding(String ruleId, ViolationStatus status, long windowStart, long windowEnd, long detectedAt,
                      long measuredSeconds, long thresholdSeconds, List<String> evidenceEventIds, List<Long> boundaries) {
    public Finding {
        evidenceEventIds = List.copyOf(evidenceEventIds);
        boundaries = List.copyOf(boundaries);
    }
}
