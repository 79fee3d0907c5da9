package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlatformRateLimitsTest {
    /** A clock the test moves by hand. */
    private final AtomicLong nanos = new AtomicLong();
    private final PlatformRateLimits limits = new PlatformRateLimits(new GatewayConfig.RateLimit(100, 500), new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    });

    @Test
    void theBurstPassesAtOnceThenTheRateSaysHowLongToWait() {
        assertThat(limits.take("meituan", 500)).isEmpty();
        // empty: 50 events need half a second at 100 events/s
        assertThat(limits.take("meituan", 50)).contains(Duration.ofMillis(500));
    }

    @Test
    void aRefusedBatchTakesNothing() {
        assertThat(limits.take("meituan", 450)).isEmpty();
        assertThat(limits.take("meituan", 100)).contains(Duration.ofMillis(500)); // 50 left, 50 missing
        assertThat(limits.take("meituan", 50)).isEmpty(); // the refused 100 did not use the 50
    }

    @Test
    void tokensComeBackAtTheRateUpToTheBurst() {
        assertThat(limits.take("meituan", 500)).isEmpty();
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(limits.take("meituan", 25)).isEmpty();
        assertThat(limits.take("meituan", 1)).isPresent();
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(limits.take("meituan", 500)).isEmpty(); // refilled, but never beyond the burst
        assertThat(limits.take("meituan", 1)).isPresent();
    }

    @Test
    void eachPlatformHasItsOwnBucket() {
        assertThat(limits.take("meituan", 500)).isEmpty();
        assertThat(limits.take("meituan", 1)).isPresent();
        assertThat(limits.take("eleme", 500)).isEmpty();
    }
}
