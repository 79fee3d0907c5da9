package org.gigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The alerts service over real HTTP, on a real broker and the real registry: sign-in, scoping, the API and the feed. */
class RegulatorConsoleIntegrationTest {
    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();
    @TempDir
    static Path dir;

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static AlertsService service;
    private static KafkaProducer<String, Violation> producer;
    private static final String SHAOXING = "shaoxing-" + UUID.randomUUID();
    private static final String SHANGHAI = "shanghai-" + UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        Accounts accounts = Accounts.of(List.of(
                new Account("sx-hrss", "330600", "hrss", Accounts.hash("sx-secret".toCharArray())),
                new Account("zj-hrss", "330000", "hrss", Accounts.hash("zj-secret".toCharArray())),
                new Account("sx-union", "330600", "union", Accounts.hash("union-secret".toCharArray()))));
        service = AlertsService.start(AlertsService.Settings.of(kafka.bootstrapServers(), registry.url(), accounts, dir.resolve("state")));
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(),
                AvroSerde.specific(Violation.class, registry.url()).serializer());
        publish(Violations.restBreak(SHAOXING).build());
        publish(Violations.of(SHANGHAI, "REST_BREAK", "swiftmeal", "FOOD_DELIVERY", "310000").build());
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private static void publish(Violation v) throws Exception {
        producer.send(new ProducerRecord<>(Topics.VIOLATIONS, v.getWorkerKey(), v)).get();
    }

    private static ConsoleClient signedIn(String user, String password) throws Exception {
        ConsoleClient client = new ConsoleClient(service.consoleUrl());
        assertThat(client.login(user, password)).isEqualTo(200);
        return client;
    }

    /** Polls the alert's detail until it is there (the router commits about every 100 ms). */
    private static JsonNode awaitAlert(ConsoleClient client, String alertId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var response = client.get("/api/alerts/" + alertId);
            if (response.statusCode() == 200) {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("alert " + alertId + " did not reach the console within " + WAIT + "; " + diagnosis());
    }

    /** Where a record got stuck: the router's state, the topic's committed and written ends, what the view holds. */
    private static String diagnosis() throws Exception {
        var partition = new org.apache.kafka.common.TopicPartition("gigwatch.regulator.330600.hrss", 0);
        long committed = kafka.admin().listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()),
                new org.apache.kafka.clients.admin.ListOffsetsOptions(org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
                .all().get().get(partition).offset();
        long written = kafka.admin().listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                .all().get().get(partition).offset();
        return "router " + service.router().state() + ", 330600.hrss committed end " + committed + ", written end " + written
                + ", view holds " + service.view().alerts("gigwatch.regulator.330600.hrss").size();
    }

    @Test
    void aWrongPasswordOrNoSessionGetsNothing() throws Exception {
        try (ConsoleClient client = new ConsoleClient(service.consoleUrl())) {
            assertThat(client.login("sx-hrss", "wrong")).isEqualTo(401);
            assertThat(client.login("nobody", "sx-secret")).isEqualTo(401);
            var malformed = client.post("/api/login", "user=sx-hrss");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("body: expected a JSON object");
            assertThat(client.get("/api/alerts").statusCode()).isEqualTo(401);
            assertThat(client.get("/api/alerts/" + SHAOXING).statusCode()).isEqualTo(401);
            assertThat(client.get("/api/feed").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void theShaoxingRegulatorSeesItsAlertWithEvidenceButNotShanghaisEvenByItsId() throws Exception {
        try (ConsoleClient shaoxing = signedIn("sx-hrss", "sx-secret"); ConsoleClient zhejiang = signedIn("zj-hrss", "zj-secret")) {
            JsonNode detail = awaitAlert(shaoxing, SHAOXING);
            assertThat(detail.get("ruleId").asText()).isEqualTo("REST_BREAK");
            assertThat(detail.get("severity").asText()).isEqualTo("HIGH");
            assertThat(detail.get("evidence").asText()).isEqualTo(
                    "online 08:02–12:02 on swiftmeal, no gap, no rest of 20 min: past 4 h 00 min without a qualifying rest, still working");
            assertThat(detail.get("timeline").get("intervals").get(0).get(0).asLong()).isEqualTo(8 * 60 + 2);
            assertThat(detail.get("history")).hasSize(1);

            awaitAlert(zhejiang, SHAOXING); // the province sees its city's alerts
            assertThat(shaoxing.get("/api/alerts/" + SHANGHAI).statusCode()).isEqualTo(404);
            assertThat(zhejiang.get("/api/alerts/" + SHANGHAI).statusCode()).isEqualTo(404);
            assertThat(shaoxing.json("/api/alerts").get("alerts").findValuesAsText("alertId"))
                    .contains(SHAOXING).doesNotContain(SHANGHAI);
        }
    }

    @Test
    void aDepartmentSeesOnlyTheRulesRoutedToIt() throws Exception {
        try (ConsoleClient hrss = signedIn("sx-hrss", "sx-secret"); ConsoleClient union = signedIn("sx-union", "union-secret")) {
            awaitAlert(hrss, SHAOXING);
            assertThat(union.get("/api/alerts/" + SHAOXING).statusCode()).isEqualTo(404); // REST_BREAK is not the union's
        }
    }

    @Test
    void theFeedDeliversAPublishedAlertAndItsUpdateUnderOneId() throws Exception {
        String id = "feed-" + UUID.randomUUID();
        try (ConsoleClient client = signedIn("sx-hrss", "sx-secret")) {
            BlockingQueue<JsonNode> feed = client.follow("");
            Thread.sleep(500); // the feed subscribes when its request arrives; what came before is in the list
            Violation open = Violations.restBreak(id).build();
            publish(open);
            publish(Violations.restBreak(id).setStatus(ViolationStatus.UPDATED).setMeasured(15_000)
                    .setDetectedAt(open.getDetectedAt().plusSeconds(600)).build());

            JsonNode first = next(feed, id);
            JsonNode second = next(feed, id);
            assertThat(first.get("status").asText()).isEqualTo("OPEN");
            assertThat(second.get("status").asText()).isEqualTo("UPDATED");
            assertThat(second.get("versions").asInt()).isEqualTo(2);
        }
    }

    @Test
    void filtersNarrowTheListAndABadFilterIsA400NamingTheField() throws Exception {
        try (ConsoleClient client = signedIn("sx-hrss", "sx-secret")) {
            awaitAlert(client, SHAOXING);
            assertThat(client.json("/api/alerts?rule=REST_BREAK&platform=swiftmeal&severity=HIGH&from=2025-09-29&to=2025-09-29")
                    .get("alerts").findValuesAsText("alertId")).contains(SHAOXING);
            assertThat(client.json("/api/alerts?rule=MIN_WAGE").get("alerts").findValuesAsText("alertId")).doesNotContain(SHAOXING);
            assertThat(client.json("/api/alerts?from=2025-09-30").get("alerts").findValuesAsText("alertId")).doesNotContain(SHAOXING);
            var bad = client.get("/api/alerts?severity=URGENT");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("severity");
            var badFeed = client.get("/api/feed?from=yesterday");
            assertThat(badFeed.statusCode()).isEqualTo(400);
            assertThat(badFeed.body()).contains("from: 'yesterday' is not a date");
        }
    }

    @Test
    void chartsCountThePlatformsViolations() throws Exception {
        try (ConsoleClient client = signedIn("sx-hrss", "sx-secret")) {
            awaitAlert(client, SHAOXING);
            JsonNode swiftmeal = null;
            for (JsonNode p : client.json("/api/charts?from=2025-09-29&to=2025-09-29").get("platforms")) {
                if (p.get("platformId").asText().equals("swiftmeal")) {
                    swiftmeal = p;
                }
            }
            assertThat(swiftmeal).isNotNull();
            assertThat(swiftmeal.get("violations").asLong()).isGreaterThanOrEqualTo(1);
        }
    }

    private static JsonNode next(BlockingQueue<JsonNode> feed, String alertId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = feed.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.get("alertId").asText().equals(alertId)) {
                return event;
            }
        }
        throw new AssertionError("alert " + alertId + " did not come through the feed within " + WAIT);
    }
}
