package org.gigwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.embedded.RegistryFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client and Serde against a real registry (the {@code registry} module's Apicurio, Confluent API v7) in a
 * child process: what the in-memory registry of the unit tests only imitates.
 */
class RegistrySerdeIntegrationTest {
    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();

    /** The registry is shared by all tests here, so each test works on its own topic and subject. */
    private String topic;
    private String subject;

    @BeforeEach
    void nameTopic(TestInfo test) {
        topic = "it." + test.getTestMethod().orElseThrow().getName();
        subject = topic + "-value";
    }

    /** A client with an empty cache, so that what it returns comes from the registry. */
    private static RestSchemaRegistryClient freshClient() {
        return new RestSchemaRegistryClient(registry.url());
    }

    @Test
    void sessionEventRoundTripsThroughTheRegistry() {
        SessionEvent incident = SessionEvent.newBuilder()
                .setEventId("e-9").setPlatformId("p-1").setWorkerId("w-1").setWorkerKey("ab12")
                .setRegion("330600").setOccurredAt(Instant.parse("2026-03-01T09:30:00Z"))
                .setType(SessionEventType.INCIDENT).setDetails("fell off the scooter")
                .build();

        byte[] bytes = AvroSerde.specific(SessionEvent.class, registry.url()).serializer().serialize(topic, incident);
        // another serde, as in the consuming process: it knows the writer schema only by the id in the bytes
        SessionEvent back = AvroSerde.specific(SessionEvent.class, registry.url()).deserializer().deserialize(topic, bytes);

        assertThat(back).isEqualTo(incident);
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(freshClient().lookup(subject, SessionEvent.getClassSchema()));
        assertThat(freshClient().subjects()).contains(subject);
    }

    @Test
    void genericRecordsRoundTripThroughTheRegistry() {
        AvroSerde<GenericRecord> serde = AvroSerde.generic(registry.url());
        GenericRecord shift = TestSchemas.shiftV1("w-2", 300);

        GenericRecord back = AvroSerde.generic(registry.url()).deserializer()
                .deserialize(topic, serde.serializer().serialize(topic, shift));

        assertThat(back).isEqualTo(shift);
    }

    @Test
    void theSameSchemaRegisteredTwiceGetsTheSameId() {
        int first = freshClient().register(subject, TestSchemas.SHIFT_V1);
        int second = freshClient().register(subject, TestSchemas.SHIFT_V1);

        assertThat(second).isEqualTo(first);
        assertThat(freshClient().register(subject, TestSchemas.SHIFT_V2)).isNotEqualTo(first);
    }

    @Test
    void clientsRegisteringASubjectsFirstSchemaAtOnceAllGetItsId() throws Exception {
        List<Integer> ids = registerAtOnce(8, i -> subject, TestSchemas.SHIFT_V1);
        assertThat(Set.copyOf(ids)).containsExactly(freshClient().lookup(subject, TestSchemas.SHIFT_V1));
    }

    @Test
    void clientsStoringTheSameNewSchemaUnderSubjectsOfTheirOwnAtOnceAllGetIds() throws Exception {
        // a schema the registry has never seen: Apicurio stores its content once; clients storing it at the same
        // moment got HTTP 500 (a unique index violation; seen with two stream apps) or, eight of them, no answer
        // within the 10 s timeout, the registry answering nothing else for a while after
        Schema fresh = SchemaBuilder.record("Fresh" + System.nanoTime()).namespace("org.gigwatch.test").fields()
                .requiredString("id").endRecord();
        List<Integer> ids = registerAtOnce(8, i -> subject + "-" + i, fresh);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("subject %d", i).isEqualTo(freshClient().lookup(subject + "-" + i, fresh));
        }
    }

    /** {@code clients} fresh clients, released together, each registering {@code schema} under its subject. */
    private List<Integer> registerAtOnce(int clients, IntFunction<String> subjects, Schema schema) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                RestSchemaRegistryClient client = freshClient();
                String name = subjects.apply(i);
                ids.add(pool.submit(() -> {
                    go.await();
                    return client.register(name, schema);
                }));
            }
            go.countDown();
            List<Integer> registered = new ArrayList<>();
            for (Future<Integer> id : ids) {
                registered.add(id.get(60, TimeUnit.SECONDS));
            }
            return registered;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSchemaIsFoundByItsId() {
        int id = freshClient().register(subject, TestSchemas.SHIFT_V2);

        assertThat(freshClient().schemaById(id)).isEqualTo(TestSchemas.SHIFT_V2);
    }

    @Test
    void underBackwardACompatibleChangeIsCompatibleAndAnIncompatibleOneIsNot() {
        RestSchemaRegistryClient client = freshClient();
        assertThat(client.isCompatible(subject, TestSchemas.SHIFT_V1)).as("no versions yet").isTrue();
        client.setCompatibility(subject, SchemaRegistryClient.BACKWARD);
        client.register(subject, TestSchemas.SHIFT_V1);

        assertThat(client.isCompatible(subject, TestSchemas.SHIFT_V2)).isTrue();
        assertThat(client.isCompatible(subject, TestSchemas.SHIFT_INCOMPATIBLE)).isFalse();
    }

    @Test
    void registeringAnIncompatibleChangeFailsWith409() {
        RestSchemaRegistryClient client = freshClient();
        client.setCompatibility(subject, SchemaRegistryClient.BACKWARD);
        client.register(subject, TestSchemas.SHIFT_V1);

        assertThatThrownBy(() -> client.register(subject, TestSchemas.SHIFT_INCOMPATIBLE))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.registryMessage()).isNotBlank();
                })
                .hasMessageStartingWith("schema for subject " + subject + " rejected as incompatible (HTTP 409): ");
        assertThat(client.register(subject, TestSchemas.SHIFT_V2)).isPositive();
    }

    @Test
    void dataWrittenWithV1IsReadAsV2() {
        RestSchemaRegistryClient client = freshClient();
        client.setCompatibility(subject, SchemaRegistryClient.BACKWARD);
        byte[] writtenWithV1 = new AvroSerializer<GenericRecord>(client).serialize(topic, TestSchemas.shiftV1("w-3", 45));
        client.register(subject, TestSchemas.SHIFT_V2);

        GenericRecord readAsV2 = AvroDeserializer.generic(TestSchemas.SHIFT_V2, freshClient()).deserialize(topic, writtenWithV1);

        assertThat(readAsV2.get("minutes")).isEqualTo(45);
        assertThat(readAsV2.get("platformId")).hasToString("unknown");
    }

    @Test
    void anUnknownSubjectIsAClearError() {
        assertThatThrownBy(() -> freshClient().lookup(subject, TestSchemas.SHIFT_V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageStartingWith("schema org.gigwatch.test.Shift under subject " + subject + " not found (HTTP 404): ");

        AvroSerializer<GenericRecord> noAutoRegister = new AvroSerializer<>();
        noAutoRegister.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);
        assertThatThrownBy(() -> noAutoRegister.serialize(topic, TestSchemas.shiftV1("w", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is not registered under subject " + subject + " and auto.register.schemas is false");
        assertThat(freshClient().subjects()).doesNotContain(subject);
    }

    @Test
    void anUnknownSchemaIdIsAClearError() {
        byte[] unknownId = {0, 0x7F, 0, 0, 1, 2};

        assertThatThrownBy(() -> new AvroDeserializer<GenericRecord>(freshClient()).deserialize(topic, unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("topic " + topic + ": unknown schema id " + 0x7F000001 + ": ");
    }
}
