package org.gigwatch.simulator.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroDeserializer;
import org.gigwatch.schemas.registry.AvroSerializer;
import org.gigwatch.schemas.registry.SchemaRegistryClient;
import org.gigwatch.schemas.registry.SchemaRegistryClients;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

/** The Kafka sink without a broker: Kafka's MockProducer with the registry serializer on a mock registry. */
class KafkaEventSinkTest {
    private final SchemaRegistryClient registry = SchemaRegistryClients.forUrl("mock://simulator-sink-test");

    @Test
    void sendsKeyedTimestampedRegistryEncodedRecordsReusingValueObjects() {
        MockProducer<String, SpecificRecord> producer = new MockProducer<>(true, null, new StringSerializer(),
                new AvroSerializer<>(registry));
        Simulator simulator = new Simulator(SimulatorConfig.builder().workers(20).startDate(LocalDate.of(2025, 10, 14))
                .days(1).build());
        try (KafkaEventSink sink = new KafkaEventSink(producer)) {
            simulator.run(sink);
            assertThat(sink.acknowledged()).isEqualTo(simulator.counters().total());
        }
        List<ProducerRecord<String, SpecificRecord>> sent = producer.history();
        assertThat(sent).hasSize((int) simulator.counters().total());
        ProducerRecord<String, SpecificRecord> lastOrder = sent.stream().filter(r -> r.topic().equals(Topics.ORDERS))
                .reduce((a, b) -> b).orElseThrow();
        byte[] bytes = new AvroSerializer<SpecificRecord>(registry).serialize(Topics.ORDERS, lastOrder.value());
        OrderEvent read = AvroDeserializer.specific(OrderEvent.class, registry).deserialize(Topics.ORDERS, bytes);
        assertThat(lastOrder.key()).isEqualTo(Topics.workerKey(read.getPlatformId(), read.getWorkerId()));
        assertThat(lastOrder.timestamp()).isEqualTo(read.getOccurredAt().toEpochMilli());
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aFailedSendIsReportedNotLost() {
        MockProducer<String, SpecificRecord> producer = new MockProducer<>(false, null, new StringSerializer(),
                new AvroSerializer<>(registry));
        KafkaEventSink sink = new KafkaEventSink(producer);
        OrderEvent event = OrderEvent.newBuilder().setEventId("e").setPlatformId("p").setWorkerId("w").setRegion("310000")
                .setOccurredAt(Instant.EPOCH).setOrderId("o").setType(OrderEventType.OFFERED)
                .build();
        sink.send(Topics.ORDERS, "p/w", 0, event);
        producer.errorNext(new TimeoutException("broker away"));
        assertThatThrownBy(() -> sink.send(Topics.ORDERS, "p/w", 0, event))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("broker away");
    }

    @Test
    void defaultsAreTheBenchmarksProducerSettings() {
        assertThat(KafkaEventSink.defaults()).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("compression.type", "lz4").containsEntry("linger.ms", 20).containsEntry("batch.size", 262_144);
    }
}
