package org.gigwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the REST client sends, what it caches and how it reports errors, against a recording HTTP stub. */
class RestSchemaRegistryClientTest {
    private static final String TOPIC = "gigwatch.events.sessions";
    private static final String SUBJECT = TOPIC + "-value";
    private static final String REGISTER = "/subjects/" + SUBJECT + "/versions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubRegistryHttpServer registry;
    private RestSchemaRegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = new StubRegistryHttpServer();
        client = new RestSchemaRegistryClient(registry.url() + "/", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void registerPostsTheSchemaTextAsConfluentJson() throws Exception {
        registry.answer("POST", REGISTER, 200, "{\"id\":7}");

        assertThat(client.register(SUBJECT, TestSchemas.SHIFT_V1)).isEqualTo(7);

        StubRegistryHttpServer.Request request = registry.requests().get(0);
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        String sent = JSON.readTree(request.body()).get("schema").asText();
        assertThat(new Schema.Parser().parse(sent)).isEqualTo(TestSchemas.SHIFT_V1);
    }

    @Test
    void secondSerializeOfTheSameSchemaDoesNotRegisterAgain() {
        registry.answer("POST", REGISTER, 200, "{\"id\":7}");
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(client);

        byte[] first = serializer.serialize(TOPIC, TestSchemas.shiftV1("w1", 60));
        byte[] second = serializer.serialize(TOPIC, TestSchemas.shiftV1("w2", 90));

        assertThat(registry.count("POST", REGISTER)).isEqualTo(1);
        assertThat(first).startsWith(0, 0, 0, 0, 7);
        assertThat(second).startsWith(0, 0, 0, 0, 7);
    }

    @Test
    void aSchemaFetchedByIdIsFetchedOnceAndRegisteringFillsThatCacheToo() {
        registry.answer("GET", "/schemas/ids/3", 200, schemaAnswer(TestSchemas.SHIFT_V2))
                .answer("POST", REGISTER, 200, "{\"id\":4}");

        assertThat(client.schemaById(3)).isEqualTo(TestSchemas.SHIFT_V2);
        assertThat(client.schemaById(3)).isEqualTo(TestSchemas.SHIFT_V2);
        client.register(SUBJECT, TestSchemas.SHIFT_V1);

        assertThat(client.schemaById(4)).isEqualTo(TestSchemas.SHIFT_V1);
        assertThat(registry.count("GET", "/schemas/ids/3")).isEqualTo(1);
        assertThat(registry.count("GET", "/schemas/ids/4")).isZero();
    }

    @Test
    void deserializerAsksForEachWriterSchemaOnce() {
        registry.answer("POST", REGISTER, 200, "{\"id\":5}")
                .answer("GET", "/schemas/ids/5", 200, schemaAnswer(TestSchemas.SHIFT_V1));
        byte[] bytes = new AvroSerializer<GenericRecord>(client).serialize(TOPIC, TestSchemas.shiftV1("w1", 60));
        // a separate client, as in a consumer process: it has only the id to go on
        AvroDeserializer<GenericRecord> deserializer =
                new AvroDeserializer<>(new RestSchemaRegistryClient(registry.url()));

        deserializer.deserialize(TOPIC, bytes);
        GenericRecord again = deserializer.deserialize(TOPIC, bytes);

        assertThat(again.get("workerId")).hasToString("w1");
        assertThat(registry.count("GET", "/schemas/ids/5")).isEqualTo(1);
    }

    @Test
    void anIncompatibleSchemaIsReportedByHttpStatusNotByErrorCode() {
        // Apicurio's answer: error_code 0, not Confluent's 409
        registry.answer("POST", REGISTER, 409,
                "{\"message\":\"Incompatible artifact: c at /fields/1\",\"error_code\":0}");

        assertThatThrownBy(() -> client.register(SUBJECT, TestSchemas.SHIFT_INCOMPATIBLE))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.registryMessage()).isEqualTo("Incompatible artifact: c at /fields/1");
                })
                .hasMessage("schema for subject gigwatch.events.sessions-value rejected as incompatible (HTTP 409): "
                        + "Incompatible artifact: c at /fields/1");
    }

    @Test
    void aNonJsonErrorBodyIsQuotedShortened() {
        registry.answer("GET", "/subjects", 502, "<html>" + "x".repeat(2000) + "</html>");

        assertThatThrownBy(() -> client.subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.registryMessage()).startsWith("<html>xxx").endsWith("...").hasSizeLessThan(600);
                })
                .hasMessageStartingWith("list of subjects failed (HTTP 502): <html>");
    }

    @Test
    void compatibilityIsTheRegistrysVerdict() {
        String path = "/compatibility/subjects/" + SUBJECT + "/versions/latest";
        registry.answer("POST", path, 200, "{\"is_compatible\":false,\"reason\":null}");
        assertThat(client.isCompatible(SUBJECT, TestSchemas.SHIFT_INCOMPATIBLE)).isFalse();

        registry.answer("POST", path, 200, "{\"is_compatible\":true}");
        assertThat(client.isCompatible(SUBJECT, TestSchemas.SHIFT_V2)).isTrue();
    }

    @Test
    void aSubjectWithoutVersionsIsCompatibleButA404ForAKnownSubjectIsAnError() {
        String path = "/compatibility/subjects/" + SUBJECT + "/versions/latest";
        registry.answer("POST", path, 404, "{\"message\":\"No version 'latest' found\",\"error_code\":40402}")
                .answer("GET", "/subjects", 200, "[]");
        assertThat(client.isCompatible(SUBJECT, TestSchemas.SHIFT_V1)).isTrue();

        // the subject exists, so the 404 means something else (a wrong path, a proxy): do not call that compatible
        registry.answer("GET", "/subjects", 200, "[\"" + SUBJECT + "\"]");
        assertThatThrownBy(() -> client.isCompatible(SUBJECT, TestSchemas.SHIFT_V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void setCompatibilityPutsTheLevel() throws Exception {
        registry.answer("PUT", "/config/" + SUBJECT, 200, "{\"compatibility\":\"BACKWARD\"}");

        client.setCompatibility(SUBJECT, SchemaRegistryClient.BACKWARD);

        assertThat(JSON.readTree(registry.requests().get(0).body()).get("compatibility").asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void subjectsWithOddCharactersAreEncodedIntoOnePathSegment() {
        registry.answer("POST", "/subjects/a%2Fb%20c-value/versions", 200, "{\"id\":1}");

        assertThat(client.register("a/b c-value", TestSchemas.SHIFT_V1)).isEqualTo(1);
    }

    @Test
    void anUnreachableRegistryIsAnExceptionWithoutStatusNamingTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RestSchemaRegistryClient nowhere = new RestSchemaRegistryClient("http://127.0.0.1:" + closedPort);

        assertThatThrownBy(() -> nowhere.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_RESPONSE))
                .hasMessageStartingWith("schema id 1: no answer from the schema registry at http://127.0.0.1:" + closedPort);
    }

    @Test
    void aHangingRegistryTimesOut() {
        CountDownLatch release = new CountDownLatch(1);
        registry.hang("GET", "/subjects", release);
        RestSchemaRegistryClient impatient = new RestSchemaRegistryClient(registry.url(), Duration.ofMillis(300));
        try {
            assertThatThrownBy(impatient::subjects)
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_RESPONSE))
                    .hasMessageContaining("timed out");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSerializerReportsARegistryFailureAsASerializationExceptionNamingTheTopic() {
        registry.answer("POST", REGISTER, 500, "{\"message\":\"storage unavailable\",\"error_code\":50001}");

        assertThatThrownBy(() -> new AvroSerializer<GenericRecord>(client).serialize(TOPIC, TestSchemas.shiftV1("w", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("topic gigwatch.events.sessions: schema for subject gigwatch.events.sessions-value "
                        + "failed (HTTP 500): storage unavailable")
                .hasCauseInstanceOf(SchemaRegistryException.class);
    }

    private static String schemaAnswer(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }
}
