package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.embedded.KafkaBroker;
import org.gigwatch.embedded.KafkaClients;
import org.gigwatch.embedded.RegistryFixture;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroDeserializer;
import org.gigwatch.schemas.registry.SchemaRegistryClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops under the gateway and comes back: batches meanwhile get 503 with Retry-After, the same
 * gateway takes them again once Kafka is back, and every acknowledged event is on the topic exactly once.
 * Runs its own embedded broker (the shared fixture cannot restart one on the same port and data).
 */
class BackpressureIntegrationTest {
    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void kafkaDownGives503AndIngestionResumesWhenItReturns() throws Exception {
        Path data = dir.resolve("kafka");
        KafkaBroker broker = KafkaBroker.start(data, 0);
        String bootstrap = broker.bootstrapServers();
        int brokerPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicSetup.ensureAll(admin);
        }
        PlatformKeys keys = PlatformKeys.open(dir.resolve("platform-keys"));
        String apiKey = keys.issue("meituan");
        GatewayConfig config = GatewayConfig.of(bootstrap, registry.url(), dir.resolve("platform-keys"))
                .withPort(0).withAckTimeout(Duration.ofSeconds(2));
        try (IngestGateway gateway = IngestGateway.start(config)) {
            assertThat(post(gateway, apiKey, batch("before")).statusCode()).isEqualTo(200);

            broker.close();
            HttpResponse<String> refused = post(gateway, apiKey, batch("during"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("5");
            assertThat(get(gateway, "/ready").statusCode()).isEqualTo(503);

            broker = KafkaBroker.start(data, brokerPort);
            // the platform's retry loop: the same batch until it is taken (bounded, not a guess at timing)
            HttpResponse<String> retried = post(gateway, apiKey, batch("during"));
            for (int attempt = 1; retried.statusCode() == 503 && attempt < 30; attempt++) {
                retried = post(gateway, apiKey, batch("during"));
            }
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(post(gateway, apiKey, batch("after")).statusCode()).isEqualTo(200);

            Map<String, Long> copies = eventIdCounts(broker.bootstrapServers());
            assertThat(copies).containsOnlyKeys("before-0", "before-1", "during-0", "during-1", "after-0", "after-1");
            assertThat(copies.values()).containsOnly(1L);
        } finally {
            broker.close();
        }
    }

    private static String batch(String name) {
        return """
                [{"eventId": "%1$s-0", "workerId": "w1", "region": "330600", "occurredAt": "2025-10-01T08:00:00+08:00", "type": "LOGIN"},
                 {"eventId": "%1$s-1", "workerId": "w2", "region": "310000", "occurredAt": "2025-10-01T08:00:00+08:00", "type": "LOGIN"}]
                """.formatted(name);
    }

    private HttpResponse<String> post(IngestGateway gateway, String apiKey, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/events/sessions"))
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(IngestGateway gateway, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How many times each eventId is on the sessions topic: read from the start to the end offsets. */
    private static Map<String, Long> eventIdCounts(String bootstrap) {
        Map<String, Object> props = KafkaClients.consumerProps(bootstrap, "unused");
        props.remove("group.id");
        try (KafkaConsumer<String, SessionEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                AvroDeserializer.specific(SessionEvent.class, SchemaRegistryClients.forUrl(registry.url())))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSIONS).stream()
                    .map(info -> new TopicPartition(Topics.SESSIONS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, SessionEvent>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records.stream().collect(Collectors.groupingBy(r -> r.value().getEventId(), Collectors.counting()));
        }
    }
}
