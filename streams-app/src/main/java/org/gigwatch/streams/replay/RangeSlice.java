package org.gigwatch.streams.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.streams.workingtime.StreamClock;

/**
 * Copies the replayed range of the live event topics into the run's own topics, record for record (same partition,
 * key, value bytes, timestamp and headers), so the topologies run on a finite, fixed input that no live producer
 * appends to, and the live topics and consumer groups are only read.
 *
 * <p>Registrations are reference data: every one published before {@code to} is copied, whenever it was. Sessions,
 * orders and payouts are read from the offset {@code offsetsForTimes(from − warm-up)} to the offset
 * {@code offsetsForTimes(to)} of each partition, and only records timestamped in that span are kept (the record
 * timestamp is the event's occurredAt: the gateway and the simulator set it so). The region filter keeps the accounts
 * whose registration names a selected region; the platform filter reads the platform from the key
 * ({@code platformId/workerId}). Stream-clock ticks in the span are kept: they are part of the live input.
 */
final class RangeSlice {
    private final String bootstrapServers;
    private final String registryUrl;
    private final ReplayProgress progress;

    RangeSlice(String bootstrapServers, String registryUrl, ReplayProgress progress) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.progress = progress;
    }

    /** Copies the range; returns how many records were written to the run's topics. */
    long copy(ReplayRequest request) {
        long from = request.readFrom().toEpochMilli();
        long to = request.to().toEpochMilli();
        var topics = request.topics();
        Map<String, String> targets = Map.of(Topics.SESSIONS, topics.sessions(), Topics.ORDERS, topics.orders(),
                Topics.PAYOUTS, topics.payouts());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
             KafkaProducer<byte[], byte[]> producer = producer();
             Deserializer<WorkerRegistration> registrations = AvroSerde.specific(WorkerRegistration.class, registryUrl)
                     .deserializer()) {
            Map<TopicPartition, long[]> spans = new HashMap<>();
            for (TopicPartition p : partitions(consumer, Topics.REGISTRATIONS)) {
                spans.put(p, new long[] {consumer.beginningOffsets(List.of(p)).get(p), consumer.endOffsets(List.of(p)).get(p)});
            }
            List<TopicPartition> events = new ArrayList<>();
            for (String topic : targets.keySet()) {
                events.addAll(partitions(consumer, topic));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(events);
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(timestamps(events, from));
            Map<TopicPartition, OffsetAndTimestamp> stops = consumer.offsetsForTimes(timestamps(events, to));
            for (TopicPartition p : events) {
                long end = ends.get(p);
                long stop = stops.get(p) == null ? end : stops.get(p).offset();
                long start = starts.get(p) == null ? end : Math.min(starts.get(p).offset(), stop);
                spans.put(p, new long[] {start, stop});
            }
            long total = spans.values().stream().mapToLong(s -> s[1] - s[0]).sum();
            long[] read = {0};

            // registrations first: they decide which accounts the region filter keeps
            Set<String> accounts = new HashSet<>();
            long[] written = {0};
            read(consumer, partitions(consumer, Topics.REGISTRATIONS), spans, read, total, r -> {
                if (r.timestamp() >= to || r.value() == null) {
                    return;
                }
                WorkerRegistration registration = registrations.deserialize(r.topic(), r.headers(), r.value());
                if (request.regionSelected(registration.getRegion()) && request.platformSelected(registration.getPlatformId())) {
                    accounts.add(Topics.workerKey(registration.getPlatformId(), registration.getWorkerId()));
                    producer.send(copy(topics.registrations(), r));
                    written[0]++;
                }
            });
            for (Map.Entry<String, String> topic : new TreeMap<>(targets).entrySet()) {
                read(consumer, partitions(consumer, topic.getKey()), spans, read, total, r -> {
                    if (r.timestamp() >= from && r.timestamp() < to && selected(request, accounts, r.key())) {
                        producer.send(copy(topic.getValue(), r));
                        written[0]++;
                    }
                });
            }
            producer.flush();
            progress.update(ReplayProgress.COPY, total, total);
            return written[0];
        }
    }

    private static boolean selected(ReplayRequest request, Set<String> accounts, byte[] key) {
        if (key == null) {
            return false;
        }
        String account = new String(key, java.nio.charset.StandardCharsets.UTF_8);
        if (account.equals(StreamClock.TICK_KEY)) {
            return true;
        }
        int slash = account.indexOf('/');
        String platform = slash < 0 ? account : account.substring(0, slash);
        return request.platformSelected(platform) && (request.regions().isEmpty() || accounts.contains(account));
    }

    /** Hands the records of {@code partitions} in their spans to {@code each}, partition by partition, in order. */
    private void read(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, long[]> spans,
                      long[] read, long total, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        for (TopicPartition p : partitions) {
            long[] span = spans.get(p);
            consumer.assign(List.of(p));
            consumer.seek(p, span[0]);
            while (consumer.position(p) < span[1]) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < span[1]) {
                        each.accept(r);
                        read[0]++;
                    }
                }
                progress.update(ReplayProgress.COPY, read[0], total);
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> copy(String topic, ConsumerRecord<byte[], byte[]> r) {
        return new ProducerRecord<>(topic, r.partition(), r.timestamp(), r.key(), r.value(), r.headers());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private static Map<TopicPartition, Long> timestamps(List<TopicPartition> partitions, long at) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, at));
        return query;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a span starting before the log start (retention deleted it meanwhile) starts at the log start
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
