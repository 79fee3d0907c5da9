package org.gigwatch.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.registry.AvroSerializer;
import org.gigwatch.schemas.registry.SchemaRegistryException;

/**
 * Writes accepted events to their topics and returns only once Kafka has acknowledged every one of them:
 * acks=all and the idempotent producer, so an acknowledged event is on every in-sync replica and the
 * producer's own retries never write it twice.
 *
 * <p>Values are serialized here, before the send, so that an event that cannot be placed is told apart from
 * Kafka or the registry being unavailable: an event whose schema the registry refuses (HTTP 409 or 422) or
 * that Avro cannot write goes to {@link Topics#DEAD_LETTER} with the reason and the original payload
 * ({@link #deadLetter}); an unavailable broker or registry fails the batch (a 503, retried by the platform).
 */
final class EventPublisher implements AutoCloseable {
    /** An accepted event, where it goes, and what the platform sent (for the dead-letter topic). */
    record Placed(EventKind kind, GenericRecord event, Supplier<JsonNode> original) {}

    /** Header names of a dead-letter record. */
    static final String REASON_HEADER = "gigwatch.reason";
    static final String KIND_HEADER = "gigwatch.kind";
    static final String PLATFORM_HEADER = "gigwatch.platform";
    /** A registry answering 5xx (a storage race on concurrent first registrations, say) is asked this often. */
    private static final int REGISTRY_ATTEMPTS = 5;
    private static final int MAX_REASON_CHARS = 1000;
    /**
     * The largest value the gateway writes: the producer's max.request.size (1 MiB) less room for key and
     * headers. A bigger event can never be placed (a 503 would make the platform retry it for ever).
     */
    static final int MAX_VALUE_BYTES = 1_000_000;
    /** Of a dead letter's payload too big to be kept whole, the first this many characters of its JSON text. */
    private static final int TRUNCATED_PAYLOAD_CHARS = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer<String, byte[]> producer;
    private final AvroSerializer<GenericRecord> values = new AvroSerializer<>();
    private final Duration ackTimeout;
    private final Clock clock;
    /** Topics whose schema this gateway has registered (or found refused): later events need no lock. */
    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * First registrations go one at a time: the registry (Apicurio on H2) answers concurrent first registrations
     * of several subjects with HTTP 500 or not at all (a table lock timeout), as the fuzz test found.
     */
    private final Object firstRegistration = new Object();

    /** A batch's answer comes within about twice {@code ackTimeout}: blocked in send, then waiting for acks. */
    EventPublisher(String bootstrapServers, String schemaRegistryUrl, Duration ackTimeout, Clock clock) {
        this.ackTimeout = ackTimeout;
        this.clock = clock;
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
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl), false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * What Kafka did with each event of a batch, in order: acknowledged on its topic, or (the index is in
     * {@code deadLettered}, with the reason) acknowledged on the dead-letter topic instead, or neither.
     */
    record Delivery(List<Boolean> acknowledged, Map<Integer, String> deadLettered, Exception firstFailure) {
        static final Delivery NOTHING = new Delivery(List.of(), Map.of(), null);

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
    Delivery publish(String platformId, List<Placed> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        Map<Integer, String> reasons = new LinkedHashMap<>();
        Exception failure = null;
        for (int i = 0; i < events.size(); i++) {
            Placed placed = events.get(i);
            GenericRecord event = placed.event();
            String topic = placed.kind().topic();
            String key = placed.kind().key(event);
            try {
                byte[] value;
                try {
                    value = serialize(topic, event);
                } catch (SerializationException e) {
                    String reason = unplaceable(e);
                    if (reason == null) {
                        throw e; // the registry is unavailable: the batch is retried, not dead-lettered
                    }
                    reasons.put(i, reason);
                    acks.add(producer.send(deadLetter(platformId, placed, key, reason)));
                    continue;
                }
                if (value.length > MAX_VALUE_BYTES) {
                    String reason = "the event is " + value.length + " bytes as Avro, more than the " + MAX_VALUE_BYTES
                            + " a record may hold";
                    reasons.put(i, reason);
                    acks.add(producer.send(deadLetter(platformId, placed, key, reason)));
                    continue;
                }
                acks.add(producer.send(new ProducerRecord<>(topic, null, (Long) event.get("occurredAt"), key, value)));
            } catch (KafkaException e) {
                // thrown by send itself after max.block.ms (no metadata, buffer full) or by the registry being
                // unreachable: the rest would only block as long again
                failure = e;
                break;
            }
        }
        List<Boolean> acknowledged = new ArrayList<>(events.size());
        Map<Integer, String> deadLettered = new LinkedHashMap<>();
        for (int i = 0; i < acks.size(); i++) {
            boolean written;
            try {
                acks.get(i).get();
                written = true;
            } catch (ExecutionException e) {
                failure = failure == null ? (Exception) e.getCause() : failure;
                written = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
                written = false;
            }
            if (written && reasons.containsKey(i)) {
                deadLettered.put(i, reasons.get(i));
                acknowledged.add(false); // not on its topic: a retry may place it once the cause is fixed
            } else {
                acknowledged.add(written);
            }
        }
        while (acknowledged.size() < events.size()) {
            acknowledged.add(false); // never sent
        }
        return new Delivery(acknowledged, deadLettered, failure);
    }

    /** Avro in the registry wire format; the first event of a topic registers its schema, one topic at a time. */
    private byte[] serialize(String topic, GenericRecord event) {
        if (registered.contains(topic)) {
            return serializeRetrying(topic, event);
        }
        synchronized (firstRegistration) {
            try {
                byte[] value = serializeRetrying(topic, event);
                registered.add(topic);
                return value;
            } catch (SerializationException e) {
                if (unplaceable(e) != null) {
                    registered.add(topic); // refused for good: no reason to keep the others waiting
                }
                throw e;
            }
        }
    }

    /** A registry answering 5xx is asked again (a conflict on its side). */
    private byte[] serializeRetrying(String topic, GenericRecord event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return values.serialize(topic, event);
            } catch (SerializationException e) {
                SchemaRegistryException registry = registryCause(e);
                if (registry == null || registry.status() < 500 || attempt >= REGISTRY_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Why the event can never be placed as it is, or null when the failure is a passing one (retry the batch). */
    private static String unplaceable(SerializationException e) {
        SchemaRegistryException registry = registryCause(e);
        if (registry == null) {
            return truncate("cannot be written as Avro: " + e.getMessage());
        }
        if (registry.status() == 409 || registry.status() == 422) {
            return truncate("the schema registry refused the schema: " + registry.getMessage());
        }
        return null;
    }

    private static SchemaRegistryException registryCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                return registry;
            }
        }
        return null;
    }

    /**
     * The dead-letter record: key as on the event's own topic, value a JSON object
     * {@code {"reason", "topic", "kind", "platformId", "eventId", "deadLetteredAt", "payload"}} where
     * {@code payload} is the event exactly as the platform sent it; headers {@value #REASON_HEADER},
     * {@value #KIND_HEADER}, {@value #PLATFORM_HEADER}.
     */
    private ProducerRecord<String, byte[]> deadLetter(String platformId, Placed placed, String key, String reason) {
        ObjectNode value = JSON.createObjectNode();
        value.put("reason", reason);
        value.put("topic", placed.kind().topic());
        value.put("kind", placed.kind().path());
        value.put("platformId", platformId);
        value.put("eventId", String.valueOf(placed.event().get("eventId")));
        value.put("deadLetteredAt", clock.instant().toString());
        value.set("payload", placed.original().get());
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(KIND_HEADER, placed.kind().path().getBytes(StandardCharsets.UTF_8));
        headers.add(PLATFORM_HEADER, platformId.getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        try {
            byte[] bytes = JSON.writeValueAsBytes(value);
            if (bytes.length > MAX_VALUE_BYTES) {
                // the payload alone is too big: keep its beginning as text, and say so
                String text = JSON.writeValueAsString(value.remove("payload"));
                value.put("payloadTruncated", true);
                value.put("payloadText", text.substring(0, Math.min(text.length(), TRUNCATED_PAYLOAD_CHARS)));
                bytes = JSON.writeValueAsBytes(value);
            }
            return new ProducerRecord<>(Topics.DEAD_LETTER, null, null, key, bytes, headers);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write a dead-letter record", e);
        }
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "...";
    }

    @Override
    public void close() {
        producer.close(ackTimeout);
        values.close();
    }
}
