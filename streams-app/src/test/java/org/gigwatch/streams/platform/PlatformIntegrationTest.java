package org.gigwatch.streams.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.gigwatch.avro.InjuryResponsibility;
import org.gigwatch.avro.Violation;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.KafkaEventSink;
import org.gigwatch.simulator.truth.ViolationKey;
import org.gigwatch.streams.SimulatedHistory;
import org.gigwatch.streams.workingtime.StreamClock;
import org.gigwatch.streams.workingtime.ViolationOutput;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QUOTA and INJURY_RESPONSIBILITY on a real broker and the real registry, exactly-once, RocksDB state: a simulated
 * world big enough for quota groups of 30 (1,500 people) with infeasible quotas and incidents injected, written once;
 * a tick a day past the range; the platform app's violations scored against the simulator's ground truth, and the
 * trip query over HTTP asked about every incident the app answered.
 */
class PlatformIntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(PlatformIntegrationTest.class);
    private static final List<String> RULES = List.of(QuotaJudge.RULE, TripWatch.RULE);
    private static final LocalDate START = LocalDate.of(2025, 10, 13);
    private static final int DAYS = 2;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    static SchemaRegistryServer registry;
    static Set<ViolationKey> expected;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void simulate() {
        registry = SchemaRegistryServer.start();
        TopicSetup.ensureAll(kafka.admin());
        Simulator simulator = new Simulator(SimulatorConfig.builder().seed(11).workers(1500).startDate(START).days(DAYS)
                .violationRate(0.3).dualPlatformShare(0.2).build());
        long began = System.nanoTime();
        try (KafkaEventSink sink = KafkaEventSink.create(kafka.bootstrapServers(), registry.url())) {
            simulator.run(sink);
        }
        log.info("simulated 1500 workers × {} days: {} events in {} ms", DAYS, simulator.counters().total(),
                (System.nanoTime() - began) / 1_000_000L);
        long rangeEnd = START.plusDays(DAYS).atStartOfDay(ZONE).toInstant().toEpochMilli();
        try (StreamClock clock = new StreamClock(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer()), List.of(Topics.SESSIONS, Topics.ORDERS))) {
            clock.tick(rangeEnd + Duration.ofDays(1).toMillis());
        }
        expected = simulator.groundTruth().keys().stream().filter(k -> RULES.contains(k.rule())).collect(Collectors.toSet());
        log.info("ground truth: {}", simulator.groundTruth().counts());
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void infeasibleQuotasAndIncidentsAreScoredPerfectlyAndTheTripQueryAgrees() throws Exception {
        assertThat(expected).extracting(ViolationKey::rule).containsAll(RULES);
        Path dir = Files.createDirectories(stateDir.resolve("platform"));
        var props = PlatformTopology.streamsProperties(kafka.bootstrapServers(), dir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "platform-it");
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        WorkingTimeConfig config = WorkingTimeConfig.defaults(registry.url());
        try (TripHttp http = TripHttp.start("127.0.0.1", 0);
             ViolationOutput output = ViolationOutput.fromNow(kafka, registry.url())) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, http.hostInfo().host() + ":" + http.hostInfo().port());
            try (KafkaStreams streams = new KafkaStreams(PlatformTopology.buildTopology(config), props)) {
                http.serve(new TripQueries(streams, http.hostInfo(), config.personRetention()));
                long began = System.nanoTime();
                streams.start();
                List<Violation> found = output.readUntil(all -> keys(all).containsAll(expected), Duration.ofSeconds(10),
                        Duration.ofMinutes(10));
                log.info("platform violations read in {} ms: {}", (System.nanoTime() - began) / 1_000_000L, found.size());
                SimulatedHistory.assertScoredPerfectly(expected, keys(found), RULES);
                assertThat(found).filteredOn(v -> v.getRuleId().equals(QuotaJudge.RULE)).allSatisfy(v -> {
                    assertThat(v.getWorkerKey()).isNull();
                    assertThat(v.getDetails()).containsKeys("role", "judged", "reached", "timeToQuota");
                });

                List<InjuryResponsibility> answers = responsibilities();
                long incidents = expected.stream().filter(k -> k.rule().equals(TripWatch.RULE)).count();
                assertThat(answers).hasSize((int) incidents);
                assertThat(answers.stream().map(InjuryResponsibility::getResponsibilityId).distinct()).hasSize(answers.size());
                askTheQuery(http, answers);
            }
        }
    }

    /** Each answered incident, asked again as worker key + instant over HTTP, names the same platform and account. */
    private static void askTheQuery(TripHttp http, List<InjuryResponsibility> answers) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        for (InjuryResponsibility answer : answers) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(http.url() + "/persons/"
                    + answer.getWorkerKey() + "/trip?at=" + answer.getIncidentAt())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("platformId").asText()).isEqualTo(answer.getPlatformId());
            assertThat(body.get("workerId").asText()).isEqualTo(answer.getWorkerId());
            assertThat(body.get("tripStart").asText()).isEqualTo(answer.getTripStart().toString());
        }
        InjuryResponsibility any = answers.get(0);
        HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create(http.url() + "/persons/"
                + any.getWorkerKey() + "/trip?at=yesterday")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("at: expected an ISO-8601 instant");
        HttpResponse<String> none = client.send(HttpRequest.newBuilder(URI.create(http.url() + "/persons/"
                + any.getWorkerKey() + "/trip?at=" + START.minusDays(1).atStartOfDay(ZONE).toInstant())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).as(none.body()).isEqualTo(404);
    }

    private static List<InjuryResponsibility> responsibilities() {
        List<InjuryResponsibility> all = new ArrayList<>();
        try (KafkaConsumer<String, InjuryResponsibility> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "platform-it-responsibility"),
                new StringDeserializer(), AvroSerde.specific(InjuryResponsibility.class, registry.url()).deserializer())) {
            consumer.subscribe(List.of(Topics.RESPONSIBILITY));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    records.forEach(r -> all.add(r.value()));
                    quietSince = System.nanoTime();
                }
            }
        }
        return all;
    }

    private static Set<ViolationKey> keys(List<Violation> violations) {
        return violations.stream().filter(v -> RULES.contains(v.getRuleId())).map(ViolationKey::of).collect(Collectors.toSet());
    }
}
