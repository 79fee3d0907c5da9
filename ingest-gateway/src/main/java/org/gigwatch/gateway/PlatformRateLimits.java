package org.gigwatch.gateway;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each platform's token bucket (Bucket4j): {@link GatewayConfig.RateLimit#eventsPerSecond} tokens a second, refilled
 * continuously, up to {@link GatewayConfig.RateLimit#burst}; a batch takes one token per event, all or none.
 */
final class PlatformRateLimits {
    private final GatewayConfig.RateLimit limit;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PlatformRateLimits(GatewayConfig.RateLimit limit) {
        this(limit, TimeMeter.SYSTEM_NANOTIME);
    }

    /** {@code time}: a clock of one's own, for tests. */
    PlatformRateLimits(GatewayConfig.RateLimit limit, TimeMeter time) {
        this.limit = limit;
        this.time = time;
    }

    /** Takes {@code events} tokens from the platform's bucket; empty if taken, else how long until they would be there. */
    Optional<Duration> take(String platformId, int events) {
        Bucket bucket = buckets.computeIfAbsent(platformId, id -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(limit.eventsPerSecond(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(events);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
