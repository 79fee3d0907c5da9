package org.gigwatch.app;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records that arrive on a set of topics, read back from the broker (not what a producer
 * believes it sent): the demo's proof that events flow through a real Kafka. Starts at the topics' ends.
 */
final class EventRates implements AutoCloseable {
    private final Map<String, LongAdder> counts = new LinkedHashMap<>();
    private final LongAccumulator latestEventTime = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final Map<String, LongAccumulator> latestPerTopic = new LinkedHashMap<>();
    private final TopicTail<byte[], byte[]> tail;

    EventRates(String bootstrapServers, List<String> topics) {
        topics.forEach(t -> {
            counts.put(t, new LongAdder());
            latestPerTopic.put(t, new LongAccumulator(Math::max, Long.MIN_VALUE));
        });
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "gigwatch-demo-rates"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        tail = new TopicTail<>(consumer, topics, record -> {
            if (record.value() == null) {
                return; // a clock tick, not an event
            }
            counts.get(record.topic()).increment();
            latestEventTime.accumulate(record.timestamp());
            latestPerTopic.get(record.topic()).accumulate(record.timestamp());
        }, e -> { }, "gigwatch-demo-rates"); // the status line then stops moving, which shows it
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

    /**
     * The time every one of {@code topics} has reached: the least of their latest event times, empty until each has
     * a record. A clock that follows it waits for the slowest topic (e.g. one whose producer stalled on a schema
     * registration), so it never ticks past events that one still has to deliver.
     */
    Optional<Instant> eventTimeReachedBy(List<String> topics) {
        long reached = Long.MAX_VALUE;
        for (String topic : topics) {
            reached = Math.min(reached, latestPerTopic.get(topic).get());
        }
        return reached == Long.MIN_VALUE || reached == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(reached));
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
