package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentEventIdsTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-10-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final RecentEventIds recent = new RecentEventIds(Duration.ofHours(24), 1000, clock);

    @Test
    void anAcknowledgedIdIsADuplicateAndARepeatWithinTheBatchToo() {
        RecentEventIds.Claim first = recent.claim(List.of("p/sessions/a", "p/sessions/b", "p/sessions/a"));
        assertThat(first.owned()).containsExactly(0, 1);
        assertThat(first.earlier()).isNotDone();

        first.settle(List.of(true, true));

        assertThat(first.earlier()).isCompleted();
        RecentEventIds.Claim retry = recent.claim(List.of("p/sessions/a", "p/sessions/b"));
        assertThat(retry.owned()).isEmpty();
        assertThat(retry.earlier()).isCompleted();
    }

    @Test
    void aRetryWhileTheFirstTryWaitsForKafkaWaitsForItsOutcome() {
        RecentEventIds.Claim first = recent.claim(List.of("a", "b"));
        RecentEventIds.Claim retry = recent.claim(List.of("a", "b"));
        assertThat(retry.owned()).isEmpty();
        assertThat(retry.earlier()).isNotDone();

        first.settle(List.of(true, false));

        assertThat(retry.earlier()).isCompletedExceptionally();
        assertThat(recent.claim(List.of("a", "b")).owned()).containsExactly(1); // b was not written: the next try owns it
    }

    @Test
    void anIdIsForgottenAfterTheWindow() {
        recent.claim(List.of("a")).settle(List.of(true));

        clock.now = clock.now.plus(Duration.ofHours(24));
        assertThat(recent.claim(List.of("a")).owned()).isEmpty();

        clock.now = clock.now.plusMillis(1);
        assertThat(recent.claim(List.of("a")).owned()).containsExactly(0);
    }

    @Test
    void theOldestAcknowledgedIdsGoFirstWhenFull() {
        RecentEventIds small = new RecentEventIds(Duration.ofHours(24), 2, clock);
        small.claim(List.of("a", "b")).settle(List.of(true, true));

        small.claim(List.of("c")).settle(List.of(true));

        assertThat(small.size()).isEqualTo(2);
        assertThat(small.claim(List.of("b", "c")).owned()).isEmpty();
    }
}
