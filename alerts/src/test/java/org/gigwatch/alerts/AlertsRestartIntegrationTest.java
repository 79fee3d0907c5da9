package org.gigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts service stopped while violations keep coming, then started again on the same state: the regulator
 * topics (read_committed) hold every expected version exactly once, and the restarted console shows each alert's
 * whole history.
 */
class AlertsRestartIntegrationTest {
    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();
    @TempDir
    Path dir;

    private static final int ALERTS = 300;
    private static final String CITY_TOPIC = Topics.regulator("330600", "hrss");
    private static final String PROVINCE_TOPIC = Topics.regulator("330000", "hrss");

    /** Alert i opens; every second one grows once; every third one's OPEN is sent twice. */
    private static List<Violation> stream() {
        List<Violation> out = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            Violation open = Violations.restBreak("restart-" + i).setWorkerKey("swiftmeal/w" + i).build();
            out.add(open);
            if (i % 3 == 0) {
                out.add(open);
            }
            if (i % 2 == 0) {
                out.add(Violations.restBreak("restart-" + i).setWorkerKey("swiftmeal/w" + i).setStatus(ViolationStatus.UPDATED)
                        .setMeasured(15_000).setDetectedAt(open.getDetectedAt().plusSeconds(600)).build());
            }
        }
        return out;
    }

    private static List<String> expected() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            out.add("restart-" + i + " OPEN 14400");
            if (i % 2 == 0) {
                out.add("restart-" + i + " UPDATED 15000");
            }
        }
        return out;
    }

    @Test
    void aRestartMidStreamLosesAndDuplicatesNothing() throws Exception {
        AlertsService.Settings settings = AlertsService.Settings.of(kafka.bootstrapServers(), registry.url(),
                Accounts.of(List.of()), dir.resolve("state"));
        List<Violation> violations = stream();
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        AlertsService service = AlertsService.start(settings);
        while (service.router().state() != KafkaStreams.State.RUNNING) {
            Thread.sleep(50); // publish to a running router, so that the stop comes mid-stream and not before it began
        }
        try (KafkaProducer<String, Violation> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), AvroSerde.specific(Violation.class, registry.url()).serializer())) {
            Future<?> publishing = publisher.submit(() -> {
                for (int i = 0; i < violations.size(); i++) {
                    Violation v = violations.get(i);
                    producer.send(new ProducerRecord<>(Topics.VIOLATIONS, v.getWorkerKey(), v));
                    sleep(20);
                }
                producer.flush();
                return null;
            });
            // mid-stream: once the first instance has committed some alerts, it stops while the rest keeps coming
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (service.view().alerts(CITY_TOPIC).size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(service.view().alerts(CITY_TOPIC)).hasSizeGreaterThanOrEqualTo(20);
            service.close();
            assertThat(publishing.isDone()).as("still publishing when the service stopped").isFalse();
            service = AlertsService.start(settings);
            publishing.get(120, TimeUnit.SECONDS);

            assertThat(readCommitted(CITY_TOPIC, expected().size())).containsExactlyInAnyOrderElementsOf(expected());
            assertThat(readCommitted(PROVINCE_TOPIC, expected().size())).containsExactlyInAnyOrderElementsOf(expected());
            assertThat(service.view().awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            List<List<Violation>> shown = service.view().alerts(CITY_TOPIC);
            assertThat(shown).hasSize(ALERTS);
            assertThat(shown).allSatisfy(versions -> assertThat(versions).hasSize(
                    Integer.parseInt(versions.get(0).getAlertId().substring("restart-".length())) % 2 == 0 ? 2 : 1));
        } finally {
            publisher.shutdownNow();
            service.close();
        }
    }

    /** Reads the topic from the start (committed records only) until {@code expected} came and 2 s more brought nothing. */
    private List<String> readCommitted(String topic, int expected) {
        List<String> seen = new ArrayList<>();
        Map<String, Object> props = kafka.consumerProps("restart-check-" + topic);
        props.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, Violation> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                AvroSerde.specific(Violation.class, registry.url()).deserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, Violation> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + " " + r.value().getStatus() + " " + r.value().getMeasured());
                }
                if (seen.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return seen;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
