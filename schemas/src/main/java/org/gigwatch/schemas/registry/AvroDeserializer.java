package org.gigwatch.schemas.registry;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format: fetches the writer schema by the id in the payload and resolves the data
 * into the reader schema, so a consumer built against a newer (or older) compatible schema still reads it.
 *
 * <p>The reader schema is, in this order: the generated class given to {@link #specific}; the schema given to
 * {@link #generic(Schema, SchemaRegistryClient)}; with {@link AvroSerdeConfig#SPECIFIC_AVRO_READER} true, the
 * generated class named by the writer schema's full name; otherwise the writer schema itself (GenericRecord).
 * Thread-safe once configured.
 */
public class AvroDeserializer<T> implements Deserializer<T> {
    private volatile SchemaRegistryClient client;
    private final Class<?> targetType;
    private final Schema readerSchema;
    private volatile boolean specificByName;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For Kafka, which configures it from the consumer or streams properties. */
    public AvroDeserializer() {
        this(null, null, null);
    }

    /** Returns GenericRecords (or generated classes if configured with {@code specific.avro.reader=true}). */
    public AvroDeserializer(SchemaRegistryClient client) {
        this(client, null, null);
    }

    private AvroDeserializer(SchemaRegistryClient client, Class<?> targetType, Schema readerSchema) {
        this.client = client;
        this.targetType = targetType;
        this.readerSchema = readerSchema;
    }

    /** Reads into the generated class {@code type}; needs {@link #configure} with the registry URL. */
    public static <T extends SpecificRecord> AvroDeserializer<T> specific(Class<T> type) {
        return new AvroDeserializer<>(null, type, null);
    }

    /** Reads into the generated class {@code type}; ready to use. */
    public static <T extends SpecificRecord> AvroDeserializer<T> specific(Class<T> type, SchemaRegistryClient client) {
        return new AvroDeserializer<>(client, type, null);
    }

    /** Reads GenericRecords of {@code readerSchema}, whatever compatible schema the data was written with. */
    public static AvroDeserializer<GenericRecord> generic(Schema readerSchema, SchemaRegistryClient client) {
        return new AvroDeserializer<>(client, null, readerSchema);
    }

    /** A client given when building wins over {@link AvroSerdeConfig#SCHEMA_REGISTRY_URL}. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = AvroSerdeConfig.client(configs);
        }
        specificByName = AvroSerdeConfig.flag(configs, AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // tombstone
        }
        if (client == null) {
            throw new SerializationException("topic " + topic + ": AvroDeserializer used before it was configured with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        int id = WireFormat.schemaId(topic, data);
        DatumReader<T> reader = readers.get(id);
        if (reader == null) {
            reader = readerFor(topic, id, writerSchema(topic, id));
            readers.putIfAbsent(id, reader);
        }
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(
                    data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null));
        } catch (IOException | RuntimeException e) {
            // truncated data, or a writer schema that does not resolve into the reader schema
            throw new SerializationException("topic %s: cannot read Avro data written with schema id %d: %s"
                    .formatted(topic, id, e), e);
        }
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return client.schemaById(id);
        } catch (SchemaRegistryException e) {
            String what = e.isNotFound() ? "unknown schema id " + id : "cannot fetch schema id " + id;
            throw new SerializationException("topic " + topic + ": " + what + ": " + e.getMessage(), e);
        }
    }

    private DatumReader<T> readerFor(String topic, int id, Schema writer) {
        if (targetType != null) {
            return specificReader(writer, targetType);
        }
        if (readerSchema != null) {
            return new GenericDatumReader<>(writer, readerSchema, GenericData.get());
        }
        if (specificByName) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
                throw new SerializationException("topic %s: no generated class %s on the classpath for schema id %d (%s is true)"
                        .formatted(topic, writer.getFullName(), id, AvroSerdeConfig.SPECIFIC_AVRO_READER));
            }
            return specificReader(writer, generated);
        }
        return new GenericDatumReader<>(writer, writer, GenericData.get());
    }

    /** The class's own SpecificData carries its logical-type conversions (Instant, ...). */
    private static <T> DatumReader<T> specificReader(Schema writer, Class<?> type) {
        SpecificData model = SpecificData.getForClass(type);
        return new SpecificDatumReader<>(writer, model.getSchema(type), model);
    }
}
