package org.gigwatch.schemas.registry;

import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link AvroSerializer} and {@link AvroDeserializer} as one Kafka {@link Serde}, e.g.
 * {@code Consumed.with(Serdes.String(), AvroSerde.specific(SessionEvent.class, registryUrl))}.
 *
 * <p>The factories taking a URL or a client return a value serde ready to use (Kafka Streams does not call
 * {@link #configure} on serdes handed to {@code Consumed}/{@code Produced}); call {@link #configure} with
 * {@code isKey = true} to use one for keys. The no-argument constructor is for {@code default.value.serde}.
 */
public class AvroSerde<T extends GenericContainer> implements Serde<T> {
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** For Kafka; reads GenericRecords unless configured with {@code specific.avro.reader=true}. */
    public AvroSerde() {
        this(new AvroSerializer<>(), new AvroDeserializer<>());
    }

    private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /** For the generated class {@code type}; needs {@link #configure} with the registry URL. */
    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type) {
        return new AvroSerde<>(new AvroSerializer<>(), AvroDeserializer.specific(type));
    }

    /** A value serde for the generated class {@code type} (a {@code mock://<scope>} URL in unit tests). */
    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, String registryUrl) {
        return specific(type, SchemaRegistryClients.forUrl(registryUrl));
    }

    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, SchemaRegistryClient client) {
        return new AvroSerde<>(new AvroSerializer<>(client), AvroDeserializer.specific(type, client));
    }

    /** A value serde for GenericRecords, read with the schema they were written with. */
    public static AvroSerde<GenericRecord> generic(String registryUrl) {
        return generic(SchemaRegistryClients.forUrl(registryUrl));
    }

    public static AvroSerde<GenericRecord> generic(SchemaRegistryClient client) {
        return new AvroSerde<>(new AvroSerializer<>(client), new AvroDeserializer<>(client));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
