package org.gigwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Serde against the in-memory registry: wire format, round trips, evolution and every way bytes go bad. */
class AvroSerdeTest {
    private static final String TOPIC = "gigwatch.test.shifts";

    /** One scope per test instance (JUnit makes one per test), so tests never see each other's schemas. */
    private final String scope = "AvroSerdeTest-" + System.identityHashCode(this);
    private final String url = "mock://" + scope;
    private final MockSchemaRegistryClient registry = MockSchemaRegistryClient.forScope(scope);

    @AfterEach
    void dropScope() {
        MockSchemaRegistryClient.dropScope(scope);
    }

    @Test
    void wireFormatIsMagicByteThenTheIdBigEndianThenAvroBinary() {
        // push the next id past one byte so that the byte order shows: 301 = 0x0000012D
        for (int n = 1; n <= 300; n++) {
            registry.register("filler-" + n, TestSchemas.unrelated(n));
        }
        Schema pair = SchemaBuilder.record("Pair").namespace(TestSchemas.NAMESPACE).fields()
                .requiredString("name").requiredInt("n").endRecord();
        GenericRecord record = new GenericData.Record(pair);
        record.put("name", "ab");
        record.put("n", 3);

        byte[] bytes = new AvroSerializer<GenericRecord>(registry).serialize(TOPIC, record);

        // Avro binary: string = zig-zag length (2 -> 4) then UTF-8; int 3 = zig-zag 6
        assertThat(bytes).containsExactly(0, 0x00, 0x00, 0x01, 0x2D, 4, 'a', 'b', 6);
    }

    @Test
    void genericRecordsRoundTripThroughAMockUrl() {
        AvroSerde<GenericRecord> serde = AvroSerde.generic(url);
        GenericRecord shift = TestSchemas.shiftV1("w-17", 480);

        GenericRecord back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, shift));

        assertThat(back).isEqualTo(shift);
        assertThat(registry.subjects()).containsExactly(TOPIC + "-value");
    }

    @Test
    void sessionEventRoundTripsAsItsGeneratedClass() {
        AvroSerde<SessionEvent> serde = AvroSerde.specific(SessionEvent.class, url);
        SessionEvent login = sessionEvent();

        SessionEvent back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, login));

        assertThat(back).isEqualTo(login);
        assertThat(back.getOccurredAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
    }

    @Test
    void specificAvroReaderFindsTheGeneratedClassFromTheWriterSchemaName() {
        AvroSerde<GenericRecord> serde = new AvroSerde<>();
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
        byte[] bytes = AvroSerde.specific(SessionEvent.class, url).serializer().serialize(TOPIC, sessionEvent());

        Object back = serde.deserializer().deserialize(TOPIC, bytes);

        assertThat(back).isInstanceOf(SessionEvent.class).isEqualTo(sessionEvent());
        byte[] noClass = serde.serializer().serialize(TOPIC + "2", TestSchemas.shiftV1("w", 1));
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC + "2", noClass))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no generated class org.gigwatch.test.Shift on the classpath");
    }

    @Test
    void dataWrittenWithV1IsReadAsV2WithTheNewFieldsDefault() {
        byte[] writtenWithV1 = new AvroSerializer<GenericRecord>(registry).serialize(TOPIC, TestSchemas.shiftV1("w-1", 60));

        GenericRecord readAsV2 = AvroDeserializer.generic(TestSchemas.SHIFT_V2, registry).deserialize(TOPIC, writtenWithV1);

        assertThat(readAsV2.getSchema()).isEqualTo(TestSchemas.SHIFT_V2);
        assertThat(readAsV2.get("workerId")).hasToString("w-1");
        assertThat(readAsV2.get("minutes")).isEqualTo(60);
        assertThat(readAsV2.get("platformId")).hasToString("unknown");
    }

    @Test
    void theMockRefusesAnIncompatibleSchemaWhenTheSerializerRegistersIt() {
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry);
        serializer.serialize(TOPIC, TestSchemas.shiftV1("w", 1));
        GenericRecord incompatible = new GenericData.Record(TestSchemas.SHIFT_INCOMPATIBLE);
        incompatible.put("workerId", "w");
        incompatible.put("minutes", 1);
        incompatible.put("breakMinutes", 15L);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, incompatible))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("topic gigwatch.test.shifts: schema for subject gigwatch.test.shifts-value "
                        + "rejected as incompatible (HTTP 409)")
                .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void nullIsATombstoneBothWays() {
        AvroSerde<GenericRecord> serde = AvroSerde.generic(registry);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void aKeySerdeUsesTheKeySubject() {
        AvroSerde<GenericRecord> serde = AvroSerde.generic(registry);
        serde.configure(Map.of(), true);

        serde.serializer().serialize(TOPIC, TestSchemas.shiftV1("w", 1));

        assertThat(registry.subjects()).containsExactly(TOPIC + "-key");
    }

    @Test
    void withoutAutoRegisterOnlyAnAlreadyRegisteredSchemaIsWritten() {
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);
        GenericRecord shift = TestSchemas.shiftV1("w", 1);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, shift))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("topic gigwatch.test.shifts: schema org.gigwatch.test.Shift is not registered "
                        + "under subject gigwatch.test.shifts-value and auto.register.schemas is false");
        assertThat(registry.subjects()).isEmpty();

        int id = registry.register(TOPIC + "-value", TestSchemas.SHIFT_V1);
        assertThat(Arrays.copyOfRange(serializer.serialize(TOPIC, shift), 0, 5)).containsExactly(0, 0, 0, 0, id);
    }

    static Stream<Arguments> badPayloads() {
        return Stream.of(
                Arguments.of("empty", new byte[0], "Avro payload too short: 0 bytes, expected at least 5"),
                Arguments.of("header cut short", new byte[] {0, 0, 0}, "Avro payload too short: 3 bytes"),
                Arguments.of("wrong magic byte", new byte[] {1, 0, 0, 0, 1, 2}, "unknown magic byte 1, expected 0"),
                Arguments.of("unknown schema id", new byte[] {0, 0, 0, 0x10, 0x01, 2}, "unknown schema id 4097"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPayloads")
    void badBytesAreASerializationExceptionNamingTheTopicAndTheReason(String what, byte[] payload, String reason) {
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(registry);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("topic gigwatch.test.shifts: ")
                .hasMessageContaining(reason);
    }

    @Test
    void truncatedAvroDataIsASerializationExceptionNamingTheSchemaId() {
        byte[] whole = new AvroSerializer<GenericRecord>(registry).serialize(TOPIC, TestSchemas.shiftV1("worker", 480));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> new AvroDeserializer<GenericRecord>(registry).deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("topic gigwatch.test.shifts: cannot read Avro data written with schema id " + whole[4]);
    }

    @Test
    void aRecordAvroCannotWriteIsASerializationExceptionNamingTheRecord() {
        GenericRecord missingWorker = new GenericData.Record(TestSchemas.SHIFT_V1);
        missingWorker.put("minutes", 1);

        assertThatThrownBy(() -> new AvroSerializer<GenericRecord>(registry).serialize(TOPIC, missingWorker))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("topic gigwatch.test.shifts: cannot write org.gigwatch.test.Shift as Avro");
    }

    @Test
    void withoutAUrlOrClientItSaysWhatIsMissing() {
        assertThatThrownBy(() -> new AvroSerializer<GenericRecord>().serialize(TOPIC, TestSchemas.shiftV1("w", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("used before it was configured with schema.registry.url");
        assertThatThrownBy(() -> AvroSerde.specific(SessionEvent.class).configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    private static SessionEvent sessionEvent() {
        return SessionEvent.newBuilder()
                .setEventId("e-1")
                .setPlatformId("p-1")
                .setWorkerId("w-1")
                .setRegion("330600")
                .setOccurredAt(Instant.parse("2026-03-01T08:00:00Z"))
                .setType(SessionEventType.LOGIN)
                .build();
    }
}
