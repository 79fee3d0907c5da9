package org.gigwatch.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gigwatch.avro.Violation;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroDeserializer;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.rules.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints each violation committed to {@link Topics#VIOLATIONS} (read_committed: only what the exactly-once app
 * committed) from the moment it is created, one line each, and counts them per rule. No consumer group.
 */
final class ViolationPrinter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ViolationPrinter.class);

    private final KafkaConsumer<String, Violation> consumer;
    private final RulePack pack;
    private final Consumer<String> sink;
    private final Thread poller;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Set<String>> alertsPerRule = new TreeMap<>();
    private final Map<String, Integer> recordsPerRule = new HashMap<>();

    /** Fixes its start at the topic's current end before returning, so nothing written afterwards is missed. */
    ViolationPrinter(String bootstrapServers, String registryUrl, RulePack pack, Consumer<String> sink) {
        this.pack = pack;
        this.sink = sink;
        AvroDeserializer<Violation> values = AvroDeserializer.specific(Violation.class);
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "gigwatch-violation-printer",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.VIOLATIONS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // seekToEnd is lazy: resolve the start now
        poller = new Thread(this::poll, "gigwatch-violation-printer");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, Violation> record : consumer.poll(Duration.ofMillis(200))) {
                    Violation v = record.value();
                    if (v == null) {
                        continue;
                    }
                    synchronized (this) {
                        alertsPerRule.computeIfAbsent(v.getRuleId(), r -> new HashSet<>()).add(v.getAlertId());
                        recordsPerRule.merge(v.getRuleId(), 1, Integer::sum);
                    }
                    sink.accept(ViolationLine.format(v, pack));
                }
            }
        } catch (WakeupException e) {
            // close() woke us up
        } catch (RuntimeException e) {
            log.error("reading the violations failed", e);
            sink.accept("(violations can no longer be read: " + e.getMessage() + ")");
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
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
        running.set(false);
        consumer.wakeup();
        poller.join(5_000);
    }
}
