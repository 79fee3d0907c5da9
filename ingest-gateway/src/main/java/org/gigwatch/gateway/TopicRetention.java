package org.gigwatch.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How long Kafka keeps an event topic's records by their timestamp (the event's occurredAt): an event older than
 * that would be deleted as soon as its segment rolls, so accepting it would be a lie. Read once, at start.
 */
final class TopicRetention {

    /**
     * Each kind's limit: the topic's {@code retention.ms} when its cleanup policy deletes; a kind is absent when its
     * topic keeps records for ever ({@code retention.ms = -1}, or compacted only, like registrations).
     */
    static Map<EventKind, Duration> read(Admin admin, Duration timeout) {
        List<ConfigResource> topics = Arrays.stream(EventKind.values())
                .map(kind -> new ConfigResource(ConfigResource.Type.TOPIC, kind.topic())).toList();
        Map<ConfigResource, Config> configs;
        try {
            configs = admin.describeConfigs(topics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the event topics' retention from Kafka (are gigwatch's topics "
                    + "created?), or configure the retention: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the topics' retention", e);
        }
        Map<EventKind, Duration> limits = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, kind.topic()));
            limitOf(value(config, TopicConfig.CLEANUP_POLICY_CONFIG), value(config, TopicConfig.RETENTION_MS_CONFIG))
                    .ifPresent(limit -> limits.put(kind, limit));
        }
        return limits;
    }

    /** The limit a topic's {@code cleanup.policy} and {@code retention.ms} set, if any. */
    static Optional<Duration> limitOf(String cleanupPolicy, String retentionMs) {
        boolean deletes = cleanupPolicy == null || Arrays.stream(cleanupPolicy.split(","))
                .anyMatch(policy -> policy.strip().equals(TopicConfig.CLEANUP_POLICY_DELETE));
        long millis = retentionMs == null ? -1 : Long.parseLong(retentionMs.strip());
        return deletes && millis >= 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null ? null : entry.value();
    }

    private TopicRetention() {}
}
