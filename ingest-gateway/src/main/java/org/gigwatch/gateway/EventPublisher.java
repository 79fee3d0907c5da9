package org.gigwatch.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.registry.AvroSerializer;

/**
 * Writes accepted events to their topics and returns only once Kafka has acknowledged every one of them:
 * acks=all and the idempotent producer, so an acknowledged event is on every in-sync replica and the
 * producer's own retries never write it twice.
 */
final class EventPublisher implements AutoCloseable {
    /** An accepted event and where it goes. */
    record Placed(EventKind kind, GenericRecord event) {}

    private final Producer<String, GenericContainer> producer;
    private final Duration ackTimeout;

    /** A batch's answer comes within about twice {@code ackTimeout}: blocked in send, then waiting for acks. */
    EventPublisher(String bootstrapServers, String schemaRegistryUrl, Duration ackTimeout) {
        this.ackTimeout = ackTimeout;
        long timeoutMs = ackTimeout.toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "gigwatch-ingest-gateway");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5); // concurrent batches share produce requests
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // the producer gives up on its own by the time the platform gets its 503: no record outlives its batch's answer
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeoutMs / 2 - 5));
        // waiting for metadata or for room in a full buffer: the other half of the time a batch may take
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        AvroSerializer<GenericContainer> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl), false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), values);
    }

    /** What Kafka did with each event of a batch, in order. */
    record Delivery(List<Boolean> acknowledged, Exception firstFailure) {
        static final Delivery NOTHING = new Delivery(List.of(), null);

        boolean complete() {
            return firstFailure == null;
        }
    }

    /**
     * Sends them all and waits for every outcome; the producer settles each within its delivery timeout and
     * does not retry it after that. (An event whose write reached the log but whose acknowledgement was lost is
     * reported unacknowledged; its retry is the one duplicate the gateway cannot see, and its eventId lets
     * consumers drop it.)
     */
    Delivery publish(List<Placed> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        Exception failure = null;
        for (Placed placed : events) {
            GenericRecord event = placed.event();
            try {
                acks.add(producer.send(new ProducerRecord<>(placed.kind().topic(), null,
                        (Long) event.get("occurredAt"), placed.kind().key(event), event)));
            } catch (KafkaException e) {
                // thrown by send itself after max.block.ms (no metadata, buffer full) or by the serializer
                // (registry unreachable): the rest would only block as long again
                failure = e;
                break;
            }
        }
        List<Boolean> acknowledged = new ArrayList<>(events.size());
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
                acknowledged.add(true);
            } catch (ExecutionException e) {
                failure = failure == null ? (Exception) e.getCause() : failure;
                acknowledged.add(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
                acknowledged.add(false);
            }
        }
        while (acknowledged.size() < events.size()) {
            acknowledged.add(false); // never sent
        }
        return new Delivery(acknowledged, failure);
    }

    @Override
    public void close() {
        producer.close(ackTimeout);
    }
}
