package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void theGraceIsTenMinutesOfEventTimeOrTwoSecondsOfWallTimeWhicheverIsMore() {
        assertThat(DemoCommand.grace(1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(DemoCommand.grace(60)).isEqualTo(Duration.ofMinutes(10)); // 2 s at 60x: 2 min
        assertThat(DemoCommand.grace(300)).isEqualTo(Duration.ofMinutes(10)); // exactly 10 min
        assertThat(DemoCommand.grace(301)).isEqualTo(Duration.ofSeconds(602));
        assertThat(DemoCommand.grace(3600)).isEqualTo(Duration.ofHours(2));
    }
}
