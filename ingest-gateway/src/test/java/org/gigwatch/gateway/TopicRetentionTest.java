package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicRetentionTest {
    @Test
    void aDeletingTopicIsLimitedByItsRetention() {
        assertThat(TopicRetention.limitOf("delete", "604800000")).contains(Duration.ofDays(7));
        assertThat(TopicRetention.limitOf("compact,delete", "3600000")).contains(Duration.ofHours(1));
        assertThat(TopicRetention.limitOf("compact, delete", "0")).contains(Duration.ZERO);
    }

    @Test
    void infiniteRetentionOrCompactionAloneKeepsEverything() {
        assertThat(TopicRetention.limitOf("delete", "-1")).isEmpty();
        assertThat(TopicRetention.limitOf("compact", "604800000")).isEmpty();
    }
}
