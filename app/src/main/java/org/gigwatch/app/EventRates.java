package org.gigwatch.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records that arrive on a set of topics, read back from the broker (not what a producer
 * believes it sent): the demo's proof that events flow through a real Kafka. Starts at the topics' ends.
 */
final class EventRates implements AutoCloseable {
    private final Map<String, LongAdder> counts = new LinkedHashMap<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread poller;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAccumulator latestEventTime = new LongAccumulator(Math::max, Long.MIN_VALUE);

    EventRates(String bootstrapServers, List<String> topics) {
        topics.forEach(t -> counts.put(t, new LongAdder()));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "gigwatch-demo-rates"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions); // no group: it watches, it does not take part
        consumer.seekToEnd(partitions);
        poller = new Thread(this::poll, "gigwatch-demo-rates");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue; // a stream-clock tick, not an event
                    }
                    counts.get(record.topic()).increment();
                    latestEventTime.accumulate(record.timestamp());
                }
            }
        } catch (WakeupException e) {
            // close() woke us up
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Records seen so far per topic, in the order the topics were given. */
    Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        counts.forEach((topic, count) -> totals.put(topic, count.sum()));
        return totals;
    }

    /** The latest event time seen (records are stamped with occurredAt), if any record has arrived. */
    Optional<Instant> latestEventTime() {
        long latest = latestEventTime.get();
        return latest == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(latest));
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        poller.join(5_000);
    }
}
