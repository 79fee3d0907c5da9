package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    @Test
    void ratesArePerTopicPerSecondAndTheTotalIsTheSum() {
        Map<String, Long> before = new LinkedHashMap<>();
        before.put("gigwatch.events.sessions", 100L);
        before.put("gigwatch.events.orders", 1_000L);
        Map<String, Long> after = new LinkedHashMap<>();
        after.put("gigwatch.events.sessions", 150L);
        after.put("gigwatch.events.orders", 3_000L);

        String line = StatusLine.line(before, after, 2.0, 12_400_000_000L);

        assertThat(line).isEqualTo("   12s | sessions 25/s orders 1,000/s | 3,150 events");
    }
}
