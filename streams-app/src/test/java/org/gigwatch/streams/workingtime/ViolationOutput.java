package org.gigwatch.streams.workingtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gigwatch.avro.Violation;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroDeserializer;
import org.gigwatch.schemas.registry.AvroSerdeConfig;

/** What is appended to the violations topic (read_committed) from the moment it is opened; for integration tests. */
public final class ViolationOutput implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<Violation> values;
    private final List<Violation> read = new ArrayList<>();
    /** The values as written (registry wire format), in step with {@link #read}. */
    private final List<byte[]> bytes = new ArrayList<>();

    private ViolationOutput(KafkaConsumer<String, byte[]> consumer, AvroDeserializer<Violation> values) {
        this.consumer = consumer;
        this.values = values;
    }

    public static ViolationOutput fromNow(KafkaFixture kafka, String registryUrl) {
        Map<String, Object> props = kafka.consumerProps("unused");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        AvroDeserializer<Violation> values = AvroDeserializer.specific(Violation.class);
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.VIOLATIONS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start before the app writes anything
        return new ViolationOutput(consumer, values);
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
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                read.add(values.deserialize(record.topic(), record.value()));
                bytes.add(record.value());
            });
            if (read.size() != before) {
                lastNews = System.nanoTime();
            }
            if (done.test(read) && System.nanoTime() - lastNews >= quiet.toNanos()) {
                break;
            }
        }
        return List.copyOf(read);
    }

    /** The bytes, as written, of the violations read so far that {@code which} selects, each as a hex string. */
    public List<String> bytesOf(Predicate<Violation> which) {
        List<String> selected = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            if (which.test(read.get(i))) {
                selected.add(HexFormat.of().formatHex(bytes.get(i)));
            }
        }
        return selected;
    }

    @Override
    public void close() {
        consumer.close();
        values.close();
    }
}
