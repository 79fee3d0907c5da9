package org.gigwatch.streams.workingtime;

import java.util.List;
import org.gigwatch.avro.ViolationStatus;

/**
 * What a rule found, before it is addressed to a worker: the rule classes produce these so that they stay free
 * of Kafka and of identity. {@code boundaries} are the working intervals behind it, flat: start, end, start, end...
 * {@code measured} and {@code threshold} are in {@code unit}: {@link #SECONDS}, or {@link #DAYS} for NO_REST_DAY.
 */
public record Finding(String ruleId, ViolationStatus status, long windowStart, long windowEnd, long detectedAt,
                      long measured, long threshold, List<String> evidenceEventIds, List<Long> boundaries,
                      String unit) {
    public static final String SECONDS = "SECONDS";
    public static final String DAYS = "DAYS";

    public Finding {
        evidenceEventIds = List.copyOf(evidenceEventIds);
        boundaries = List.copyOf(boundaries);
    }

    /** A finding measured in seconds. */
    public Finding(String ruleId, ViolationStatus status, long windowStart, long windowEnd, long detectedAt,
                   long measured, long threshold, List<String> evidenceEventIds, List<Long> boundaries) {
        this(ruleId, status, windowStart, windowEnd, detectedAt, measured, threshold, evidenceEventIds,
                boundaries, SECONDS);
    }
}
