package org.gigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SignInLimitsTest {
    /** A clock the test moves by hand. */
    private final AtomicLong nanos = new AtomicLong();
    /** 3 failures per account, then one a minute; 5 per address, then one every 12 s. */
    private final SignInLimits limits = new SignInLimits(new SignInLimits.Limit(3, Duration.ofMinutes(3)),
            new SignInLimits.Limit(5, Duration.ofMinutes(1)), new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return nanos.get();
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            });

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(limits.tryStart(user, address)).as("try %d of %s from %s", i + 1, user, address).isEmpty();
        }
    }

    @Test
    void anAccountIsHeldBackAfterItsFailuresUntilOneComesBack() {
        fail("sx-hrss", "10.0.0.1", 3);
        assertThat(limits.tryStart("sx-hrss", "10.0.0.1")).contains(Duration.ofMinutes(1));
        // from another address too: the account is what is being guessed
        assertThat(limits.tryStart("sx-hrss", "10.0.0.2")).contains(Duration.ofMinutes(1));
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(limits.tryStart("sx-hrss", "10.0.0.1")).contains(Duration.ofSeconds(1));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limits.tryStart("sx-hrss", "10.0.0.1")).isEmpty();
        assertThat(limits.tryStart("sx-hrss", "10.0.0.1")).isPresent();
    }

    @Test
    void anAddressIsHeldBackAfterFailuresOnManyAccounts() {
        fail("a", "10.0.0.1", 2);
        fail("b", "10.0.0.1", 2);
        fail("c", "10.0.0.1", 1);
        assertThat(limits.tryStart("d", "10.0.0.1")).contains(Duration.ofSeconds(12));
        assertThat(limits.tryStart("d", "10.0.0.2")).isEmpty();
    }

    @Test
    void aRefusedTryTakesNothing() {
        fail("a", "10.0.0.1", 3);
        fail("b", "10.0.0.1", 1);
        // refused by the account's bucket: the address keeps its token for another account
        assertThat(limits.tryStart("a", "10.0.0.1")).isPresent();
        assertThat(limits.tryStart("a", "10.0.0.1")).isPresent();
        fail("b", "10.0.0.1", 1);
        assertThat(limits.tryStart("c", "10.0.0.1")).isPresent(); // 5 taken now: 3 by a, 2 by b
    }

    @Test
    void aSuccessClearsTheAccountsFailuresAndGivesTheAddressItsTryBack() {
        fail("a", "10.0.0.1", 2);
        assertThat(limits.tryStart("a", "10.0.0.1")).isEmpty(); // the right password, this time
        limits.succeeded("a", "10.0.0.1");
        // the account starts afresh (3 more), the address has used 2 of 5 (3 more)
        fail("a", "10.0.0.1", 3);
        assertThat(limits.tryStart("b", "10.0.0.1")).isPresent();
    }

    @Test
    void aLimitNeedsAFailureAndATime() {
        assertThatThrownBy(() -> new SignInLimits.Limit(0, Duration.ofMinutes(1))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new SignInLimits.Limit(3, Duration.ZERO)).hasMessageContaining("positive");
    }
}
