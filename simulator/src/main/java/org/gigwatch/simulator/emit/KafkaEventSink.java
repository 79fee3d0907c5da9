package org.gigwatch.simulator.emit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.registry.AvroSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the events to Kafka: String keys, values in the schema-registry wire format. Asynchronous sends with
 * one shared callback; the first failure is rethrown by the next send, flush or close (nothing is lost silently).
 * Idempotent, acks=all, lz4, linger 20 ms, 256 KiB batches, unless the given configuration says otherwise.
 */
public final class KafkaEventSink implements EventSink, Callback {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);

    private final Producer<String, SpecificRecord> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final LongAdder acknowledged = new LongAdder();

    /**
     * @param config producer settings plus {@code schema.registry.url} (and optionally
     *               {@code auto.register.schemas}); these override {@link #defaults}
     */
    public KafkaEventSink(Map<String, Object> config) {
        this(createProducer(config));
    }

    /** For tests: any producer, e.g. Kafka's MockProducer. */
    public KafkaEventSink(Producer<String, SpecificRecord> producer) {
        this.producer = producer;
    }

    /** A sink for the brokers and the registry at these addresses, with the simulator's producer settings. */
    public static KafkaEventSink create(String bootstrapServers, String schemaRegistryUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        return new KafkaEventSink(config);
    }

    /** The producer settings the simulator uses unless told otherwise. */
    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(ProducerConfig.ACKS_CONFIG, "all");
        defaults.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        defaults.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        defaults.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        defaults.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        defaults.put(ProducerConfig.CLIENT_ID_CONFIG, "gigwatch-simulator");
        return defaults;
    }

    private static Producer<String, SpecificRecord> createProducer(Map<String, Object> config) {
        Map<String, Object> producerConfig = defaults();
        Map<String, Object> serdeConfig = new HashMap<>();
        config.forEach((key, value) -> {
            boolean serde = key.equals(AvroSerdeConfig.SCHEMA_REGISTRY_URL) || key.equals(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
            (serde ? serdeConfig : producerConfig).put(key, value);
        });
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(serdeConfig, false);
        return new KafkaProducer<>(producerConfig, new StringSerializer(), values);
    }

    @Override
    public void send(String topic, String key, long timestamp, SpecificRecord value) {
        rethrowFailure();
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, value), this);
    }

    /** Serialization happens inside send, so the value can be reused once it returns. */
    @Override
    public boolean retainsValues() {
        return false;
    }

    /** Called by the producer's I/O thread for every record. */
    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            acknowledged.increment();
        } else if (failure.compareAndSet(null, exception)) {
            LOG.error("the broker did not take a simulated event: {}", exception.toString());
        }
    }

    /** How many events the brokers acknowledged so far. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    @Override
    public void flush() {
        producer.flush();
        rethrowFailure();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
        rethrowFailure();
    }

    private void rethrowFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("producing simulated events failed: " + e.getMessage(), e);
        }
    }
}
