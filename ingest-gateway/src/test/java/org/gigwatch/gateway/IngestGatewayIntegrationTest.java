package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroDeserializer;
import org.gigwatch.schemas.registry.SchemaRegistryClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The gateway over real HTTP, in front of a real broker and the real schema registry. */
class IngestGatewayIntegrationTest {
    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();
    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HMAC = "0123456789abcdef".repeat(4);

    private static IngestGateway gateway;
    private static PlatformKeys keys;
    private static String meituanKey;

    @BeforeAll
    static void start() {
        TopicSetup.ensureAll(kafka.admin());
        keys = PlatformKeys.open(dir.resolve("platform-keys"));
        meituanKey = keys.issue("meituan");
        gateway = IngestGateway.start(GatewayConfig.of(kafka.bootstrapServers(), registry.url(), dir.resolve("platform-keys"))
                .withPort(0));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aMixedBatchListsEveryRejectionAndPublishesExactlyTheValidEvents() throws Exception {
        String run = UUID.randomUUID().toString();
        String now = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        String batch = """
                [
                 {"eventId": "%1$s-0", "workerId": "w1", "workerKey": "%2$s", "region": "330600", "occurredAt": "%3$s", "type": "LOGIN"},
                 {"eventId": "%1$s-1", "workerId": "w1", "region": "330600", "occurredAt": "%3$s", "type": "NAP"},
                 {"eventId": "%1$s-2", "workerId": "w2", "region": "330600", "occurredAt": "%4$s", "type": "LOGIN"},
                 {"eventId": "%1$s-3", "platformId": "meituan", "workerId": "w3", "region": "310000", "occurredAt": "%3$s", "type": "BREAK_START"},
                 {"eventId": "%1$s-4", "workerId": "w4", "workerKey": "33060219900101123X", "region": "999999", "occurredAt": "%3$s", "type": "LOGIN"},
                 {"eventId": "%1$s-5", "region": "330600", "occurredAt": "%3$s", "type": "LOGIN"}
                ]""".formatted(run, HMAC, now, future);

        Published<SessionEvent> published = publishedDuring(Topics.SESSIONS, () -> post("sessions", meituanKey, batch));

        assertThat(published.response().statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(published.response().body());
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(rejections(body)).containsExactly(
                new Rejection(1, run + "-1", "type", "unknown value \"NAP\", expected one of [LOGIN, LOGOUT, BREAK_START, BREAK_END, INCIDENT]"),
                new Rejection(2, run + "-2", "occurredAt", "more than 5 minutes in the future"),
                new Rejection(4, run + "-4", "workerKey", "looks like a raw identity number: send HMAC-SHA256(regionSecret, id number) in hex"),
                new Rejection(4, run + "-4", "region", "unknown region 999999, expected one of [310000, 330300, 330600, 370400, 530100]"),
                new Rejection(5, run + "-5", "workerId", "missing"));

        assertThat(published.records()).extracting(record -> record.value().getEventId())
                .containsExactlyInAnyOrder(run + "-0", run + "-3");
        ConsumerRecord<String, SessionEvent> first = published.records().stream()
                .filter(record -> record.value().getEventId().equals(run + "-0")).findFirst().orElseThrow();
        assertThat(first.key()).isEqualTo("meituan/w1");
        assertThat(first.value().getPlatformId()).isEqualTo("meituan"); // taken from the credential
        assertThat(first.value().getWorkerKey()).isEqualTo(HMAC);
        assertThat(first.timestamp()).isEqualTo(Instant.parse(now).toEpochMilli());
    }

    @Test
    void aRetriedBatchWritesNothingTwice() throws Exception {
        String run = UUID.randomUUID().toString();
        String batch = """
                [{"eventId": "%1$s-a", "workerId": "w1", "region": "330600", "occurredAt": "2025-10-01T08:00:00+08:00", "type": "LOGIN"},
                 {"eventId": "%1$s-b", "workerId": "w1", "region": "330600", "occurredAt": "2025-10-01T12:00:00+08:00", "type": "LOGOUT"},
                 {"eventId": "%1$s-b", "workerId": "w1", "region": "330600", "occurredAt": "2025-10-01T12:00:00+08:00", "type": "LOGOUT"}]
                """.formatted(run);

        Published<SessionEvent> first = publishedDuring(Topics.SESSIONS, () -> post("sessions", meituanKey, batch));
        Published<SessionEvent> retry = publishedDuring(Topics.SESSIONS, () -> post("sessions", meituanKey, batch));

        assertThat(first.response().statusCode()).isEqualTo(200);
        assertThat(first.response().body()).isEqualTo("{\"accepted\":3,\"duplicates\":1,\"rejected\":[]}");
        assertThat(first.records()).extracting(record -> record.value().getEventId()).containsExactlyInAnyOrder(run + "-a", run + "-b");
        assertThat(retry.response().statusCode()).isEqualTo(200);
        assertThat(retry.response().body()).isEqualTo("{\"accepted\":3,\"duplicates\":3,\"rejected\":[]}");
        assertThat(retry.records()).isEmpty();
    }

    @Test
    void concurrentRetriesOfOneBatchWriteEachEventOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        String batch = IntStream.range(0, 50).mapToObj(i -> """
                {"eventId": "%s-%d", "workerId": "w%d", "region": "330600", "occurredAt": "2025-10-01T08:00:00+08:00", "type": "LOGIN"}"""
                .formatted(run, i, i % 7)).collect(Collectors.joining(",", "[", "]"));

        Published<SessionEvent> published = publishedDuring(Topics.SESSIONS, () -> {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> tries = IntStream.range(0, 8)
                    .mapToObj(i -> HTTP.sendAsync(HttpRequest.newBuilder(uri("/v1/events/sessions"))
                            .header("Authorization", "Bearer " + meituanKey)
                            .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            for (var attempt : tries) {
                assertThat(attempt.join().statusCode()).isEqualTo(200);
            }
            return tries.get(0).join();
        });

        assertThat(published.records()).hasSize(50);
        assertThat(published.records()).extracting(record -> record.value().getEventId()).doesNotHaveDuplicates();
    }

    @Test
    void theSameEventIdOfAnotherPlatformIsNotADuplicate() throws Exception {
        String didiKey = keys.issue("didi");
        String batch = """
                [{"eventId": "shared-%s", "workerId": "w1", "region": "330600", "occurredAt": "2025-10-01T08:00:00+08:00", "type": "LOGIN"}]
                """.formatted(UUID.randomUUID());

        Published<SessionEvent> published = publishedDuring(Topics.SESSIONS, () -> {
            post("sessions", meituanKey, batch);
            return post("sessions", didiKey, batch);
        });

        assertThat(published.records()).extracting(record -> record.value().getPlatformId())
                .containsExactlyInAnyOrder("meituan", "didi");
    }

    @Test
    void metricsCountAcceptedAndRejectedEvents() throws Exception {
        post("orders", meituanKey, """
                [{"eventId": "%1$s-1", "workerId": "w1", "region": "330600", "occurredAt": "2025-10-01T08:00:00+08:00",
                  "orderId": "o1", "type": "DELIVERED", "basePay": -5},
                 {"eventId": "%1$s-2", "workerId": "w1", "region": "330600", "occurredAt": "2025-10-01T08:00:00+08:00",
                  "orderId": "o1", "type": "DELIVERED", "tpi": 3}]""".formatted(UUID.randomUUID()));

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("gigwatch_gateway_events_rejected_total{field=\"basePay\",kind=\"orders\"}")
                .contains("gigwatch_gateway_events_rejected_total{field=\"unknown\",kind=\"orders\"}")
                .contains("gigwatch_gateway_batch_latency_seconds_bucket{kind=\"orders\",status=\"422\"");
    }

    @Test
    void anEventNamingAnotherPlatformIsRejectedAsImpersonation() throws Exception {
        String batch = """
                [{"eventId": "i-1", "platformId": "didi", "workerId": "w1", "region": "330600",
                  "occurredAt": "2025-10-01T08:00:00+08:00", "type": "LOGIN"}]""";

        Published<SessionEvent> published = publishedDuring(Topics.SESSIONS, () -> post("sessions", meituanKey, batch));

        assertThat(published.response().statusCode()).isEqualTo(422);
        assertThat(rejections(JSON.readTree(published.response().body()))).containsExactly(
                new Rejection(0, "i-1", "platformId", "names another platform than the API key's (meituan)"));
        assertThat(published.records()).isEmpty();
    }

    @Test
    void withoutAValidKeyTheAnswerIs401() throws Exception {
        String revoked = keys.issue("eleme");
        keys.revoke("eleme");

        for (String key : new String[] {null, "gw_not-a-key", revoked}) {
            HttpResponse<String> response = post("sessions", key, "[]");
            assertThat(response.statusCode()).as("key %s", key).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"gigwatch\"");
        }
    }

    @Test
    void malformedJsonIs400NamingWhereTheParserStopped() throws Exception {
        HttpResponse<String> response = post("orders", meituanKey, "[\n  {\"eventId\": \"m-1\",, \"workerId\": \"w1\"}\n]");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("line").asInt()).isEqualTo(2);
        assertThat(body.get("column").asInt()).isEqualTo(21);
        assertThat(body.get("error").asText()).startsWith("malformed JSON: Unexpected character (',' (code 44))");
    }

    @Test
    void whatIsNotAnArrayOfEventsIs400() throws Exception {
        for (String body : new String[] {"", "{}", "42", "[] []"}) {
            assertThat(post("orders", meituanKey, body).statusCode()).as(body).isEqualTo(400);
        }
    }

    @Test
    void invalidUtf8Is400WithItsPosition() throws Exception {
        byte[] invalidUtf8 = {'[', '{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']'};

        HttpResponse<String> response = postBytes(invalidUtf8);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("malformed JSON: Invalid UTF-8 middle byte 0x28");
        assertThat(body.get("line").asInt()).isEqualTo(1);
        assertThat(body.get("column").asInt()).isEqualTo(10);
    }

    @Test
    void nestingDeeperThanJacksonsLimitIs400() throws Exception {
        HttpResponse<String> response = postBytes(("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.US_ASCII));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith("malformed JSON: Document nesting depth (1001)");
    }

    @Test
    void anElementThatIsNotAnObjectIsRejectedByIndex() throws Exception {
        HttpResponse<String> response = post("orders", meituanKey, "[1, null]");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(rejections(JSON.readTree(response.body()))).containsExactly(
                new Rejection(0, null, "", "an event must be a JSON object, got a number"),
                new Rejection(1, null, "", "an event must be a JSON object, got null"));
    }

    @Test
    void aBatchOverTheLimitIs413() throws Exception {
        String batch = IntStream.range(0, GatewayConfig.DEFAULT_MAX_BATCH_SIZE + 1).mapToObj(i -> "{}")
                .collect(Collectors.joining(",", "[", "]"));

        HttpResponse<String> response = post("sessions", meituanKey, batch);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("error").asText())
                .isEqualTo("a batch holds at most 1000 events, this one has 1001");
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutContentLength() throws Exception {
        Path keysFile = dir.resolve("platform-keys");
        byte[] body = ("[" + "{},".repeat(700) + "{}]").getBytes(StandardCharsets.US_ASCII);
        try (IngestGateway small = IngestGateway.start(GatewayConfig.of(kafka.bootstrapServers(), registry.url(), keysFile)
                .withPort(0).withMaxBodyBytes(2000))) {
            URI events = URI.create("http://127.0.0.1:" + small.port() + "/v1/events/sessions");
            for (HttpRequest.BodyPublisher publisher : List.of(HttpRequest.BodyPublishers.ofByteArray(body),
                    HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(events)
                        .header("Authorization", "Bearer " + meituanKey).POST(publisher).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(413);
                assertThat(response.body()).isEqualTo("{\"error\":\"a request body holds at most 2000 bytes\"}");
            }
        }
    }

    @Test
    void anUnknownKindIs404() throws Exception {
        assertThat(post("violations", meituanKey, "[]").statusCode()).isEqualTo(404);
    }

    @Test
    void healthAndReadiness() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"READY\"}");
    }

    // --- helpers ---

    private static HttpResponse<String> post(String kind, String apiKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/events/" + kind))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postBytes(byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/events/orders"))
                .header("Authorization", "Bearer " + meituanKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private static List<Rejection> rejections(JsonNode body) throws Exception {
        return List.of(JSON.treeToValue(body.get("rejected"), Rejection[].class));
    }

    interface Call {
        HttpResponse<String> run() throws Exception;
    }

    record Published<V>(HttpResponse<String> response, List<ConsumerRecord<String, V>> records) {}

    /**
     * The records a call added to a topic: everything between the end offsets before and after it. The gateway
     * answers only once Kafka acknowledged, so the end offsets after the answer already include every record.
     */
    private static Published<SessionEvent> publishedDuring(String topic, Call call) throws Exception {
        Map<String, Object> props = kafka.consumerProps("unused");
        props.remove("group.id");
        try (KafkaConsumer<String, SessionEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                AvroDeserializer.specific(SessionEvent.class, SchemaRegistryClients.forUrl(registry.url())))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> before = consumer.endOffsets(partitions);
            HttpResponse<String> response = call.run();
            Map<TopicPartition, Long> after = consumer.endOffsets(partitions);
            before.forEach(consumer::seek);
            List<ConsumerRecord<String, SessionEvent>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < after.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.offset() < after.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                });
            }
            return new Published<>(response, records);
        }
    }
}
