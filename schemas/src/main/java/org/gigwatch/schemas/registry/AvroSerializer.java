package org.gigwatch.schemas.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated SpecificRecord classes or GenericRecord) in the Confluent wire format,
 * registering the record's schema under {@code <topic>-value} ({@code <topic>-key} for keys).
 *
 * <p>Either built with a {@link SchemaRegistryClient}, or built by Kafka and given
 * {@link AvroSerdeConfig#SCHEMA_REGISTRY_URL} in {@link #configure}. Thread-safe once configured.
 */
public class AvroSerializer<T extends GenericContainer> implements Serializer<T> {
    private volatile SchemaRegistryClient client;
    private volatile boolean autoRegister = true;
    private volatile boolean isKey;
    private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For Kafka, which configures it from the producer or streams properties. */
    public AvroSerializer() {}

    /** Ready to use as a value serializer; {@link #configure} may still change key/value and auto-registration. */
    public AvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** A client given to the constructor wins over {@link AvroSerdeConfig#SCHEMA_REGISTRY_URL}. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = AvroSerdeConfig.client(configs);
        }
        this.autoRegister = AvroSerdeConfig.flag(configs, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null; // a tombstone stays a tombstone
        }
        if (client == null) {
            throw new SerializationException("topic " + topic + ": AvroSerializer used before it was configured with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        Schema schema = data.getSchema();
        ByteArrayOutputStream out = WireFormat.startPayload(schemaId(topic, schema));
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer(data).write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // Avro reports a null in a non-null field or a wrong type as a RuntimeException; name the record
            throw new SerializationException("topic %s: cannot write %s as Avro: %s"
                    .formatted(topic, schema.getFullName(), e.getMessage()), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String topic, Schema schema) {
        String subject = AvroSerdeConfig.subject(topic, isKey);
        try {
            return autoRegister ? client.register(subject, schema) : client.lookup(subject, schema);
        } catch (SchemaRegistryException e) {
            if (!autoRegister && e.isNotFound()) {
                throw new SerializationException("topic %s: schema %s is not registered under subject %s and %s is false: %s"
                        .formatted(topic, schema.getFullName(), subject, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                                e.getMessage()), e);
            }
            throw new SerializationException("topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Generated classes need their own SpecificData: it carries their logical-type conversions (Instant, ...). */
    private DatumWriter<Object> writer(T data) {
        WriterKey key = new WriterKey(data.getClass(), data.getSchema());
        return writers.computeIfAbsent(key, k -> data instanceof SpecificRecord
                ? new SpecificDatumWriter<>(k.schema(), SpecificData.getForClass(k.type()))
                : new GenericDatumWriter<>(k.schema(), GenericData.get()));
    }

    private record WriterKey(Class<?> type, Schema schema) {}
}
