package org.gigwatch.gateway;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.gigwatch.schemas.rules.RulePack;

/**
 * How a gateway runs. {@link #of} gives the defaults; the {@code with...} methods change one setting.
 *
 * @param host               the address to listen on (loopback by default: a deployment puts a TLS proxy in front)
 * @param port               0 picks a free port ({@link IngestGateway#port()} tells which)
 * @param maxBatchSize       events per request; more is a 413
 * @param maxBodyBytes       request body size; more is a 413 before anything is parsed
 * @param ackTimeout         Kafka's time to take a batch (see {@link EventPublisher}); past it the answer is a 503
 * @param maxInFlightBatches batches waiting for Kafka at once; one more is a 503 at once, not a queue
 * @param duplicateWindow    how long a published eventId is recognised when a batch is retried
 * @param futureTolerance    how far ahead of our clock occurredAt may be (clock skew between platform and us)
 * @param retention          how old occurredAt may be, for every event topic; null: each topic's own time-based
 *                           retention, read from the broker at start ({@link TopicRetention})
 * @param rateLimit          events a platform may send; null: no limit
 */
public record GatewayConfig(String bootstrapServers, String schemaRegistryUrl, Path platformKeys, RulePack rulePack,
                            String host, int port, int maxBatchSize, int maxBodyBytes, Duration ackTimeout,
                            int maxInFlightBatches, Duration duplicateWindow, Duration futureTolerance, Duration retention,
                            RateLimit rateLimit, Clock clock) {

    public static final int DEFAULT_MAX_BATCH_SIZE = 1000;

    /**
     * A token bucket per platform: {@code eventsPerSecond} on average, up to {@code burst} at once. Every event of a
     * batch counts, valid or not; the burst must hold the largest batch, or such a batch could never pass.
     */
    public record RateLimit(long eventsPerSecond, long burst) {
        public RateLimit {
            if (eventsPerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("rate limit: events per second and burst must be positive, got "
                        + eventsPerSecond + " and " + burst);
            }
        }
    }

    public GatewayConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(platformKeys, "platformKeys");
        Objects.requireNonNull(rulePack, "rulePack");
        if (maxBatchSize < 1 || maxBodyBytes < 1 || maxInFlightBatches < 1 || port < 0) {
            throw new IllegalArgumentException("batch, body and in-flight limits must be positive, the port 0 or more");
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        if (rateLimit != null && rateLimit.burst() < maxBatchSize) {
            throw new IllegalArgumentException("rate limit: the burst (" + rateLimit.burst()
                    + ") must hold the largest batch (" + maxBatchSize + " events)");
        }
    }

    /**
     * The defaults: loopback, port 8080, the shipped CN rule pack, 1,000 events and 16 MiB a batch, 10 s for
     * Kafka, 64 batches in flight, duplicates recognised for 24 hours, each topic's retention from the broker,
     * no rate limit.
     */
    public static GatewayConfig of(String bootstrapServers, String schemaRegistryUrl, Path platformKeys) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, platformKeys, RulePack.shipped("cn"),
                "127.0.0.1", 8080, DEFAULT_MAX_BATCH_SIZE, 16 << 20, Duration.ofSeconds(10), 64,
                Duration.ofHours(24), Duration.ofMinutes(5), null, null, Clock.systemUTC());
    }

    public GatewayConfig withPort(int port) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, platformKeys, rulePack, host, port, maxBatchSize,
                maxBodyBytes, ackTimeout, maxInFlightBatches, duplicateWindow, futureTolerance, retention, rateLimit, clock);
    }

    public GatewayConfig withHost(String host) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, platformKeys, rulePack, host, port, maxBatchSize,
                maxBodyBytes, ackTimeout, maxInFlightBatches, duplicateWindow, futureTolerance, retention, rateLimit, clock);
    }

    public GatewayConfig withRulePack(RulePack rulePack) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, platformKeys, rulePack, host, port, maxBatchSize,
                maxBodyBytes, ackTimeout, maxInFlightBatches, duplicateWindow, futureTolerance, retention, rateLimit, clock);
    }

    public GatewayConfig withMaxBatchSize(int maxBatchSize) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, platformKeys, rulePack, host, port, maxBatchSize,
                maxBodyBytes, ackTimeout, maxInFlightBatches, duplicateWindow, futureTolerance, retention, rateLimit, clock);
    }

    public GatewayConfig withMaxBodyBytes(int maxBodyBytes) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, platformKeys, rulePack, host, port, maxBatchSize,
                maxBodyBytes, ackTimeout, maxInFlightBatches, duplicateWindow, futureTolerance, retention, rateLimit, clock);
    }

    public GatewayConfig withAckTimeout(Duration ackTimeout) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, platformKeys, rulePack, host, port, maxBatchSize,
                maxBodyBytes, ackTimeout, maxInFlightBatches, duplicateWindow, futureTolerance, retention, rateLimit, clock);
    }

    public GatewayConfig withMaxInFlightBatches(int maxInFlightBatches) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, platformKeys, rulePack, host, port, maxBatchSize,
                maxBodyBytes, ackTimeout, maxInFlightBatches, duplicateWindow, futureTolerance, retention, rateLimit, clock);
    }

    /** The same retention for every event topic instead of the broker's; null reads the broker's again. */
    public GatewayConfig withRetention(Duration retention) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, platformKeys, rulePack, host, port, maxBatchSize,
                maxBodyBytes, ackTimeout, maxInFlightBatches, duplicateWindow, futureTolerance, retention, rateLimit, clock);
    }

    /** A rate limit per platform; null: none. */
    public GatewayConfig withRateLimit(RateLimit rateLimit) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, platformKeys, rulePack, host, port, maxBatchSize,
                maxBodyBytes, ackTimeout, maxInFlightBatches, duplicateWindow, futureTolerance, retention, rateLimit, clock);
    }

    /** How many eventIds {@link RecentEventIds} keeps at most, whatever the window: some 150 bytes each. */
    int duplicateCapacity() {
        return 1_000_000;
    }
}
