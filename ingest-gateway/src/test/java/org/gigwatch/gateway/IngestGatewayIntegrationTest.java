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
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroDeserializer;
import org.gigwatch.schemas.registry.SchemaRegistryClient;
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
        assertThat(first.response().body()).isEqualTo("{\"accepted\":3,\"duplicates\":1,\"rejected\":[],\"deadLettered\":[]}");
        assertThat(first.records()).extracting(record -> record.value().getEventId()).containsExactlyInAnyOrder(run + "-a", run + "-b");
        assertThat(retry.response().statusCode()).isEqualTo(200);
        assertThat(retry.response().body()).isEqualTo("{\"accepted\":3,\"duplicates\":3,\"rejected\":[],\"deadLettered\":[]}");
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
    void cloudEventsBatchesAreUnwrappedAndTheirErrorsNameTheAttribute() throws Exception {
        String run = UUID.randomUUID().toString();
        String batch = """
                [
                 {"specversion": "1.0", "id": "%1$s-0", "source": "/meituan/dispatch", "type": "org.gigwatch.session.v1",
                  "time": "2025-10-01T08:30:00+08:00", "datacontenttype": "application/json",
                  "data": {"workerId": "w1", "workerKey": "%2$s", "region": "330600", "type": "LOGIN"}},
                 {"specversion": "1.0", "id": "%1$s-1", "source": "/meituan/dispatch", "type": "org.gigwatch.order.v1",
                  "time": "2025-10-01T08:30:00+08:00", "data": {"workerId": "w1", "region": "330600", "type": "LOGIN"}},
                 {"specversion": "0.3", "source": "/meituan/dispatch", "type": "org.gigwatch.session.v1",
                  "time": "yesterday", "data": {"workerId": "w1", "region": "330600", "type": "LOGIN"}},
                 {"specversion": "1.0", "id": "%1$s-3", "source": "/meituan/dispatch", "type": "org.gigwatch.session.v1",
                  "time": "2025-10-01T08:30:00+08:00", "data": {"workerId": "w1", "workerKey": "33060219900101123X", "region": "330600", "type": "LOGIN"}},
                 {"specversion": "1.0", "id": "%1$s-4", "type": "org.gigwatch.session.v1",
                  "data": {"workerId": "w1", "region": "330600", "type": "NAP"}},
                 {"specversion": "1.0", "id": "%1$s-5", "source": "/meituan/dispatch", "type": "org.gigwatch.session.v1",
                  "time": "2025-10-01T09:00:00Z", "data": {"workerId": "w2", "region": "330600", "type": "LOGOUT"}}
                ]""".formatted(run, HMAC);

        Published<SessionEvent> published = publishedDuring(Topics.SESSIONS,
                () -> post("sessions", meituanKey, "application/cloudevents-batch+json", batch));

        assertThat(published.response().statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(published.response().body());
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(rejections(body)).containsExactly(
                new Rejection(1, run + "-1", "type", "expected org.gigwatch.session.v1 for /v1/events/sessions"),
                new Rejection(2, null, "specversion", "unsupported, expected \"1.0\""),
                new Rejection(2, null, "id", "missing"),
                new Rejection(2, null, "time", "expected an ISO-8601 instant with an offset, e.g. 2025-10-01T08:30:00+08:00, got string"),
                new Rejection(3, run + "-3", "data.workerKey", "looks like a raw identity number: send HMAC-SHA256(regionSecret, id number) in hex"),
                new Rejection(4, run + "-4", "source", "missing"),
                new Rejection(4, run + "-4", "time", "missing"),
                new Rejection(4, run + "-4", "data.type", "unknown value \"NAP\", expected one of [LOGIN, LOGOUT, BREAK_START, BREAK_END, INCIDENT]"));
        assertThat(published.records()).extracting(record -> record.value().getEventId())
                .containsExactlyInAnyOrder(run + "-0", run + "-5");
        SessionEvent first = published.records().stream().map(ConsumerRecord::value)
                .filter(event -> event.getEventId().equals(run + "-0")).findFirst().orElseThrow();
        assertThat(first.getPlatformId()).isEqualTo("meituan");
        assertThat(first.getOccurredAt()).isEqualTo(Instant.parse("2025-10-01T00:30:00Z"));
        assertThat(first.getWorkerKey()).isEqualTo(HMAC);
    }

    @Test
    void aSingleCloudEventIsABatchOfOne() throws Exception {
        String id = UUID.randomUUID().toString();
        String event = """
                {"specversion": "1.0", "id": "%s", "source": "urn:meituan", "type": "org.gigwatch.session.v1",
                 "time": "2025-10-01T08:30:00+08:00", "data": {"workerId": "w9", "region": "330600", "type": "LOGIN"}}""".formatted(id);

        Published<SessionEvent> published = publishedDuring(Topics.SESSIONS,
                () -> post("sessions", meituanKey, "application/cloudevents+json; charset=utf-8", event));

        assertThat(published.response().statusCode()).isEqualTo(200);
        assertThat(published.response().body()).isEqualTo("{\"accepted\":1,\"duplicates\":0,\"rejected\":[],\"deadLettered\":[]}");
        assertThat(published.records()).extracting(record -> record.value().getEventId()).containsExactly(id);
        assertThat(post("sessions", meituanKey, "application/cloudevents+json", "[" + event + "]").statusCode()).isEqualTo(400);
        assertThat(post("sessions", meituanKey, "application/cloudevents-batch+json", event).statusCode()).isEqualTo(400);
    }

    @Test
    void anEventWhoseSchemaTheRegistryRefusesGoesToTheDeadLetterTopic() throws Exception {
        // an incompatible schema already holds the payouts subject, and the subject demands backward compatibility
        SchemaRegistryClient client = SchemaRegistryClients.forUrl(registry.url());
        String subject = Topics.PAYOUTS + "-value";
        client.register(subject, new org.apache.avro.Schema.Parser().parse("""
                {"type": "record", "name": "PayoutEvent", "namespace": "org.gigwatch.avro",
                 "fields": [{"name": "legacy", "type": "string"}]}"""));
        client.setCompatibility(subject, "BACKWARD");
        String run = UUID.randomUUID().toString();
        String payout = """
                {"eventId": "%s-0", "workerId": "w1", "region": "330600", "occurredAt": "2025-10-05T10:00:00+08:00",
                 "payoutId": "p1", "periodStart": "2025-09-01", "periodEnd": "2025-09-30", "paidAt": "2025-10-05T10:00:00+08:00",
                 "lines": [{"type": "BASE", "amount": 120000}]}""".formatted(run);
        String batch = "[" + payout + ", {\"eventId\": \"" + run + "-1\"}]";

        Map<String, List<ConsumerRecord<String, byte[]>>> written = writtenDuring(List.of(Topics.PAYOUTS, Topics.DEAD_LETTER),
                () -> post("payouts", meituanKey, batch));

        HttpResponse<String> response = lastResponse;
        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("accepted").asInt()).isZero();
        assertThat(body.get("rejected")).hasSizeGreaterThan(0);
        assertThat(body.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(body.get("deadLettered")).hasSize(1);
        assertThat(body.get("deadLettered").get(0).get("index").asInt()).isZero();
        assertThat(body.get("deadLettered").get(0).get("eventId").asText()).isEqualTo(run + "-0");
        assertThat(body.get("deadLettered").get(0).get("reason").asText())
                .startsWith("the schema registry refused the schema: ").contains("incompatible");

        assertThat(written.get(Topics.PAYOUTS)).isEmpty();
        assertThat(written.get(Topics.DEAD_LETTER)).hasSize(1);
        ConsumerRecord<String, byte[]> dead = written.get(Topics.DEAD_LETTER).get(0);
        assertThat(dead.key()).isEqualTo("meituan/w1");
        JsonNode value = JSON.readTree(dead.value());
        assertThat(value.get("reason").asText()).isEqualTo(body.get("deadLettered").get(0).get("reason").asText());
        assertThat(value.get("kind").asText()).isEqualTo("payouts");
        assertThat(value.get("topic").asText()).isEqualTo(Topics.PAYOUTS);
        assertThat(value.get("platformId").asText()).isEqualTo("meituan");
        assertThat(value.get("eventId").asText()).isEqualTo(run + "-0");
        assertThat(value.get("payload")).isEqualTo(JSON.readTree(payout)); // as sent: no platformId added
        assertThat(header(dead, EventPublisher.KIND_HEADER)).isEqualTo("payouts");
        assertThat(header(dead, EventPublisher.PLATFORM_HEADER)).isEqualTo("meituan");
        assertThat(header(dead, EventPublisher.REASON_HEADER)).isEqualTo(value.get("reason").asText());
    }

    @Test
    void anEventTooLargeForAKafkaRecordGoesToTheDeadLetterTopicTruncated() throws Exception {
        String id = UUID.randomUUID().toString();
        String batch = """
                [{"eventId": "%s", "workerId": "w1", "region": "330600", "occurredAt": "2025-10-01T08:00:00+08:00",
                  "type": "INCIDENT", "details": "%s"}]""".formatted(id, "x".repeat(EventPublisher.MAX_VALUE_BYTES + 1));

        Map<String, List<ConsumerRecord<String, byte[]>>> written = writtenDuring(List.of(Topics.SESSIONS, Topics.DEAD_LETTER),
                () -> post("sessions", meituanKey, batch));

        assertThat(lastResponse.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(lastResponse.body());
        assertThat(body.get("accepted").asInt()).isZero();
        assertThat(body.get("deadLettered").get(0).get("reason").asText()).contains("bytes as Avro, more than the 1000000");
        assertThat(written.get(Topics.SESSIONS)).isEmpty();
        assertThat(written.get(Topics.DEAD_LETTER)).hasSize(1);
        JsonNode value = JSON.readTree(written.get(Topics.DEAD_LETTER).get(0).value());
        assertThat(value.get("eventId").asText()).isEqualTo(id);
        assertThat(value.has("payload")).isFalse();
        assertThat(value.get("payloadTruncated").asBoolean()).isTrue();
        assertThat(value.get("payloadText").asText()).startsWith("{\"eventId\":\"" + id + "\"").hasSize(200_000);
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

    @Test
    void aPlatformOverItsRateLimitGets429WithRetryAfterAndOthersAreNotHeldBack() throws Exception {
        String eleme = keys.issue("eleme");
        try (IngestGateway limited = IngestGateway.start(GatewayConfig.of(kafka.bootstrapServers(), registry.url(),
                dir.resolve("platform-keys")).withPort(0).withMaxBatchSize(10).withRateLimit(new GatewayConfig.RateLimit(1, 10)))) {
            String run = UUID.randomUUID().toString();
            URI events = URI.create("http://127.0.0.1:" + limited.port() + "/v1/events/sessions");
            // the burst: 10 events at once; then 5 more need 5 s at 1 event/s
            assertThat(send(events, meituanKey, sessions(run + "-a", 10)).statusCode()).isEqualTo(200);
            Published<SessionEvent> refused = publishedDuring(Topics.SESSIONS, () -> send(events, meituanKey, sessions(run + "-b", 5)));
            assertThat(refused.response().statusCode()).isEqualTo(429);
            assertThat(Integer.parseInt(refused.response().headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 5);
            assertThat(JSON.readTree(refused.response().body()).get("error").asText())
                    .startsWith("rate limit of 1 events/s (burst 10) exceeded for platform meituan: retry the batch in ");
            assertThat(refused.records()).isEmpty();
            assertThat(send(events, eleme, sessions(run + "-c", 10)).statusCode()).isEqualTo(200); // its own bucket
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + limited.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("gigwatch_gateway_events_rate_limited_total{kind=\"sessions\"} 5.0");
        }
    }

    @Test
    void anEventOlderThanItsTopicsRetentionOnTheBrokerIsRejected() throws Exception {
        ConfigResource orders = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ORDERS);
        alter(orders, new AlterConfigOp(new ConfigEntry("retention.ms", String.valueOf(Duration.ofDays(7).toMillis())),
                AlterConfigOp.OpType.SET));
        try (IngestGateway bounded = IngestGateway.start(GatewayConfig.of(kafka.bootstrapServers(), registry.url(),
                dir.resolve("platform-keys")).withPort(0));
             IngestGateway configured = IngestGateway.start(GatewayConfig.of(kafka.bootstrapServers(), registry.url(),
                dir.resolve("platform-keys")).withPort(0).withRetention(Duration.ofDays(1)))) {
            String run = UUID.randomUUID().toString();
            Instant now = Instant.now();
            String batch = """
                    [{"eventId": "%1$s-0", "workerId": "w1", "region": "330600", "occurredAt": "%2$s", "orderId": "o1", "type": "DELIVERED"},
                     {"eventId": "%1$s-1", "workerId": "w1", "region": "330600", "occurredAt": "%3$s", "orderId": "o2", "type": "DELIVERED"}]
                    """.formatted(run, now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(6)));

            HttpResponse<String> fromTheBroker = send(URI.create("http://127.0.0.1:" + bounded.port() + "/v1/events/orders"), meituanKey, batch);
            assertThat(fromTheBroker.statusCode()).isEqualTo(207);
            assertThat(rejections(JSON.readTree(fromTheBroker.body()))).containsExactly(new Rejection(0, run + "-0", "occurredAt",
                    "older than the retention of gigwatch.events.orders (7 days): Kafka would delete it"));

            HttpResponse<String> overridden = send(URI.create("http://127.0.0.1:" + configured.port() + "/v1/events/orders"), meituanKey,
                    batch.replace(run, run + "-again"));
            assertThat(overridden.statusCode()).isEqualTo(422);
            assertThat(rejections(JSON.readTree(overridden.body()))).extracting(Rejection::reason).containsOnly(
                    "older than the retention of gigwatch.events.orders (1 day): Kafka would delete it");
        } finally {
            alter(orders, new AlterConfigOp(new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE));
        }
    }

    @Test
    void theOpenApiDocumentIsServedAndDescribesEveryRoute() throws Exception {
        HttpResponse<String> yaml = get("/openapi.yaml");
        assertThat(yaml.statusCode()).isEqualTo(200);
        JsonNode document = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml.body());
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        HttpResponse<String> json = get("/openapi.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(json.body())).isEqualTo(document);

        assertThat(gateway.routes()).contains("POST /v1/events/{kind}", "GET /health", "GET /ready", "GET /metrics");
        for (String route : gateway.routes()) {
            String[] methodAndPath = route.split(" ", 2);
            assertThat(document.path("paths").path(methodAndPath[1]).has(methodAndPath[0].toLowerCase()))
                    .as("the OpenAPI document describes %s", route).isTrue();
        }
    }

    // --- helpers ---

    private static void alter(ConfigResource resource, AlterConfigOp op) throws Exception {
        kafka.admin().incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
    }

    /** {@code count} valid session events with ids {@code prefix-0...}. */
    private static String sessions(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> """
                {"eventId": "%s-%d", "workerId": "w%d", "region": "330600", "occurredAt": "2025-10-01T08:00:00+08:00", "type": "LOGIN"}"""
                .formatted(prefix, i, i)).collect(Collectors.joining(",", "[", "]"));
    }

    private static HttpResponse<String> send(URI uri, String apiKey, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String kind, String apiKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/events/" + kind))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String kind, String apiKey, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/events/" + kind))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> lastResponse;

    /** The raw records a call added to each topic (see {@link #publishedDuring}); its response in {@link #lastResponse}. */
    private static Map<String, List<ConsumerRecord<String, byte[]>>> writtenDuring(List<String> topics, Call call) throws Exception {
        Map<String, Object> props = kafka.consumerProps("unused");
        props.remove("group.id");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> before = consumer.endOffsets(partitions);
            lastResponse = call.run();
            Map<TopicPartition, Long> after = consumer.endOffsets(partitions);
            before.forEach(consumer::seek);
            Map<String, List<ConsumerRecord<String, byte[]>>> records = new java.util.HashMap<>();
            topics.forEach(topic -> records.put(topic, new ArrayList<>()));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < after.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.offset() < after.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.get(record.topic()).add(record);
                    }
                });
            }
            return records;
        }
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
