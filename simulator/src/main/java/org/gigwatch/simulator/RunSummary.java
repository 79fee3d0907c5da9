package org.gigwatch.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * What a run sent.
 *
 * @param completed false when it was stopped before the end of the range
 */
public record RunSummary(Map<String, Long> eventsPerTopic, long events, Duration elapsed, boolean completed) {
    /** Events per second of real time. */
    public double rate() {
        return elapsed.isZero() ? 0 : events * 1e9 / elapsed.toNanos();
    }
}
