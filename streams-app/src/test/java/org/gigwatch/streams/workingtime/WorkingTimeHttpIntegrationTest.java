package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.schemas.rules.RulePack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive queries over real HTTP, on a real broker (6 partitions, exactly-once, RocksDB). One person works on
 * two platforms: quickdash/b1 08:00–10:00, then swiftmeal/a1 10:05–12:30 (Shanghai time, UTC+8). Each account is under
 * the limit; the person, with a 5 min gap, worked 2 h + 2 h 25 = 15,900 s in one stretch, over 240 min at
 * 10:05 + 2 h = 12:05. A tick at 12:50 applies everything (grace 10 min) but not the person's rest, due at 12:50; a
 * tick at 13:10 completes it and the violation is over.
 */
class WorkingTimeHttpIntegrationTest {
    private static final String PERSON = "it-person-1";
    private static final String A1 = "swiftmeal/a1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    static SchemaRegistryServer registry;

    @TempDir
    Path stateDir;
    private final HttpClient client = HttpClient.newHttpClient();
    private String base;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start();
        TopicSetup.ensureAll(kafka.admin());
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aWorkersStretchTodayAndOpenViolationsInBothScopes() throws Exception {
        RulePack pack = RulePack.shipped("cn");
        try (WorkingTimeHttp http = WorkingTimeHttp.start("127.0.0.1", 0)) {
            base = http.url();
            assertThat(get("/workers/" + A1 + "/working-time").statusCode()).as("before the app is attached").isEqualTo(503);

            var props = WorkingTimeTopology.streamsProperties(kafka.bootstrapServers(), stateDir.toString());
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "working-time-http-it");
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, http.hostInfo().host() + ":" + http.hostInfo().port());
            try (KafkaStreams streams = new KafkaStreams(WorkingTimeTopology.buildTopology(WorkingTimeConfig.defaults(registry.url())), props)) {
                http.serve(new WorkingTimeQueries(streams, http.hostInfo(), pack));
                streams.start();
                produceTheDay();
                tick("12:50");

                WorkingTimeReport.Stretch personStretch = new WorkingTimeReport.Stretch(iso("08:00"), iso("12:30"), 15_900,
                        14_400, iso("12:05"), true);
                WorkingTimeReport.OpenViolation restBreak = new WorkingTimeReport.OpenViolation(
                        Alerts.alertId(RestBreakRule.ID, Scope.CROSS_PLATFORM, PERSON, at("08:00")), RestBreakRule.ID,
                        "OPEN", iso("08:00"), iso("12:05"), iso("12:05"), 14_400, 14_400, "SECONDS");
                WorkingTimeReport person = new WorkingTimeReport(PERSON, "CROSS_PLATFORM", List.of("quickdash", "swiftmeal"),
                        "LABOR_CONTRACT", "310000", iso("12:30"), false, personStretch, today(15_900), List.of(restBreak));
                assertThat(reportWhen("/workers/" + PERSON + "/working-time", person::equals)).isEqualTo(person);

                // the account alone: under the limit, offline, so it crosses at no time; asked with the slash encoded
                WorkingTimeReport account = new WorkingTimeReport(A1, "PLATFORM", List.of("swiftmeal"), "LABOR_CONTRACT",
                        "310000", iso("12:30"), false, new WorkingTimeReport.Stretch(iso("10:05"), iso("12:30"), 8_700,
                        14_400, null, false), today(8_700), List.of());
                assertThat(reportWhen("/workers/swiftmeal%2Fa1/working-time", account::equals)).isEqualTo(account);

                tick("13:10"); // the person's rest is complete at 12:50: the stretch and its violation are over
                WorkingTimeReport rested = reportWhen("/workers/" + PERSON + "/working-time", r -> r.stretch() == null);
                assertThat(rested.stretch()).isNull();
                assertThat(rested.openViolations()).isEmpty();
                assertThat(rested.today()).isEqualTo(today(15_900));

                HttpResponse<String> unknown = get("/workers/swiftmeal/nobody/working-time");
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(JSON.readTree(unknown.body()).get("key").asText()).isEqualTo("swiftmeal/nobody");
                assertThat(JSON.readTree(unknown.body()).get("error").asText()).startsWith("unknown worker");
            }
        }
    }

    /** Polls until the report satisfies {@code done} (the app works asynchronously), then returns the last one. */
    private WorkingTimeReport reportWhen(String path, Predicate<WorkingTimeReport> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        WorkingTimeReport last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(path);
            if (response.statusCode() == 200) {
                last = JSON.readValue(response.body(), WorkingTimeReport.class);
                if (done.test(last)) {
                    return last;
                }
            } else {
                assertThat(response.statusCode()).as(response.body()).isIn(404, 503); // not known yet, or rebalancing
            }
            Thread.sleep(200);
        }
        return last;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static WorkingTimeReport.Today today(long seconds) {
        return new WorkingTimeReport.Today("2025-09-29", "Asia/Shanghai", seconds, 39_600L);
    }

    private void produceTheDay() {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var registrations = new KafkaProducer<>(props, new StringSerializer(),
                AvroSerde.specific(WorkerRegistration.class, registry.url()).serializer());
             var sessions = new KafkaProducer<>(props, new StringSerializer(),
                     AvroSerde.specific(SessionEvent.class, registry.url()).serializer())) {
            for (String account : List.of("quickdash/b1", A1)) {
                String[] id = account.split("/");
                long at = at("00:00") - 3_600_000;
                registrations.send(new ProducerRecord<>(Topics.REGISTRATIONS, null, at, account, WorkerRegistration.newBuilder()
                        .setEventId("reg-" + id[1]).setPlatformId(id[0]).setWorkerId(id[1]).setWorkerKey(PERSON)
                        .setRegion("310000").setOccurredAt(Instant.ofEpochMilli(at)).setCategory(EmploymentCategory.LABOR_CONTRACT)
                        .setHomeRegion("310000").build()));
            }
            registrations.flush();
            String[][] day = {{"quickdash/b1", "LOGIN", "08:00"}, {"quickdash/b1", "LOGOUT", "10:00"},
                    {A1, "LOGIN", "10:05"}, {A1, "LOGOUT", "12:30"}};
            for (String[] e : day) {
                String[] id = e[0].split("/");
                sessions.send(new ProducerRecord<>(Topics.SESSIONS, null, at(e[2]), e[0], SessionEvent.newBuilder()
                        .setEventId(id[1] + "-" + e[1]).setPlatformId(id[0]).setWorkerId(id[1]).setWorkerKey(PERSON)
                        .setRegion("310000").setOccurredAt(Instant.ofEpochMilli(at(e[2])))
                        .setType(SessionEventType.valueOf(e[1])).build()));
            }
        }
    }

    private static void tick(String localTime) {
        try (StreamClock clock = new StreamClock(new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()), List.of(Topics.SESSIONS))) {
            clock.tick(at(localTime));
        }
    }

    private static long at(String localTime) {
        return Instant.parse("2025-09-29T" + localTime + ":00+08:00").toEpochMilli();
    }

    private static String iso(String localTime) {
        return Instant.ofEpochMilli(at(localTime)).toString();
    }
}
