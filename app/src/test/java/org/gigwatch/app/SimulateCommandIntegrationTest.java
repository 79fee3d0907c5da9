package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gigwatch.embedded.KafkaClients;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.MemorySink;
import org.gigwatch.simulator.truth.GroundTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code gigwatch simulate} in history mode against a real broker and registry: every event arrives, once. */
class SimulateCommandIntegrationTest {
    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();

    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();



    @Test
    void historyModeDeliversExactlyWhatTheSimulatorGenerates(@TempDir Path dir) {
        Path truth = dir.resolve("truth.jsonl");
        int exit = Gigwatch.commandLine().execute("simulate", "--bootstrap", kafka.bootstrapServers(),
                "--registry", registry.url(), "--workers", "120", "--from", "2025-09-29", "--days", "3",
                "--seed", "7", "--violation-rate", "0.1", "--ground-truth", truth.toString());
        assertThat(exit).isZero();

        // the same configuration into memory: the simulator is deterministic, so this is what the broker must hold
        SimulatorConfig config = SimulatorConfig.builder().workers(120).startDate(LocalDate.of(2025, 9, 29)).days(3)
                .seed(7).violationRate(0.1).rules(RulePack.shipped("cn")).build();
        Simulator expected = new Simulator(config);
        MemorySink memory = new MemorySink();
        expected.run(memory);
        Map<String, Long> expectedPerTopic = memory.sent().stream()
                .collect(Collectors.groupingBy(MemorySink.Sent::topic, Collectors.counting()));
        long total = memory.sent().size();
        assertThat(total).isGreaterThan(1_000);

        Map<String, Long> onBroker = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("it-simulate"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.copyOf(expectedPerTopic.keySet()));
            for (ConsumerRecord<String, byte[]> r : KafkaClients.pollRecords(consumer, (int) total, Duration.ofSeconds(60))) {
                onBroker.merge(r.topic(), 1L, Long::sum);
            }
            assertThat(consumer.poll(Duration.ofMillis(500))).as("no more than generated").isEmpty();
        }
        assertThat(onBroker).isEqualTo(expectedPerTopic);

        assertThat(truth).exists();
        GroundTruth written = GroundTruth.read(truth);
        assertThat(written.violations()).isEqualTo(expected.groundTruth().violations()).isNotEmpty();
    }
}
