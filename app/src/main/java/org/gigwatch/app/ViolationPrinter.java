package org.gigwatch.app;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gigwatch.avro.Violation;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroDeserializer;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.rules.RulePack;

/**
 * Prints each violation committed to {@link Topics#VIOLATIONS} (read_committed: only what the exactly-once app
 * committed) from the moment it is created, one line each, and counts them per rule. No consumer group.
 */
final class ViolationPrinter implements AutoCloseable {
    private final RulePack pack;
    private final Consumer<String> sink;
    private final Map<String, Set<String>> alertsPerRule = new TreeMap<>();
    private final Map<String, Integer> recordsPerRule = new HashMap<>();
    private final TopicTail<String, Violation> tail;

    /** Fixes its start at the topic's current end before returning, so nothing written afterwards is missed. */
    ViolationPrinter(String bootstrapServers, String registryUrl, RulePack pack, Consumer<String> sink) {
        this.pack = pack;
        this.sink = sink;
        AvroDeserializer<Violation> values = AvroDeserializer.specific(Violation.class);
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        KafkaConsumer<String, Violation> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "gigwatch-violation-printer",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), values);
        tail = new TopicTail<>(consumer, List.of(Topics.VIOLATIONS), record -> print(record.value()),
                e -> sink.accept("(violations can no longer be read: " + e.getMessage() + ")"),
                "gigwatch-violation-printer");
    }

    private void print(Violation v) {
        synchronized (this) {
            alertsPerRule.computeIfAbsent(v.getRuleId(), r -> new HashSet<>()).add(v.getAlertId());
            recordsPerRule.merge(v.getRuleId(), 1, Integer::sum);
        }
        sink.accept(ViolationLine.format(v, pack));
    }

    /** e.g. {@code REST_BREAK 12 (17 alerts with updates), DAILY_HOURS 3}, or {@code none}. */
    synchronized String summary() {
        if (alertsPerRule.isEmpty()) {
            return "none";
        }
        StringBuilder summary = new StringBuilder();
        alertsPerRule.forEach((rule, alerts) -> {
            summary.append(summary.isEmpty() ? "" : ", ").append(rule).append(' ').append(alerts.size());
            int records = recordsPerRule.get(rule);
            if (records != alerts.size()) {
                summary.append(" (").append(records).append(" lines with updates)");
            }
        });
        return summary.toString();
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
