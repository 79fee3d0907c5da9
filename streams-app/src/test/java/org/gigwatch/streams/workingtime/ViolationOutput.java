package org.gigwatch.streams.workingtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.gigwatch.avro.Violation;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroDeserializer;

/** What is appended to the violations topic (read_committed) from the moment it is opened; for integration tests. */
public final class ViolationOutput implements AutoCloseable {
    private final KafkaConsumer<String, Violation> consumer;
    private final List<Violation> read = new ArrayList<>();

    private ViolationOutput(KafkaConsumer<String, Violation> consumer) {
        this.consumer = consumer;
    }

    public static ViolationOutput fromNow(KafkaFixture kafka, String registryUrl) {
        Map<String, Object> props = kafka.consumerProps("unused");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
        props.put("schema.registry.url", registryUrl);
        props.put("specific.avro.reader", true);
        KafkaConsumer<String, Violation> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.VIOLATIONS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start before the app writes anything
        return new ViolationOutput(consumer);
    }

    /** Reads until {@code done} holds and nothing more has come for a few seconds (or four minutes pass). */
    public List<Violation> readUntilQuiet(Predicate<List<Violation>> done) {
        return readUntil(done, Duration.ofSeconds(5));
    }

    public List<Violation> readUntil(Predicate<List<Violation>> done, Duration quiet) {
        return readUntil(done, quiet, Duration.ofMinutes(4));
    }

    /** Reads until {@code done} holds and nothing more has come for {@code quiet}, or {@code limit} passes. */
    public List<Violation> readUntil(Predicate<List<Violation>> done, Duration quiet, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        long lastNews = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int before = read.size();
            consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.value()));
            if (read.size() != before) {
                lastNews = System.nanoTime();
            }
            if (done.test(read) && System.nanoTime() - lastNews >= quiet.toNanos()) {
                break;
            }
        }
        return List.copyOf(read);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
