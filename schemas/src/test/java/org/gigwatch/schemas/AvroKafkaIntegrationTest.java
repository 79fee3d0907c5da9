package org.gigwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.embedded.KafkaClients;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.gigwatch.schemas.registry.AvroDeserializer;
import org.gigwatch.schemas.registry.AvroSerializer;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.registry.RestSchemaRegistryClient;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.RulePublisher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** gigwatch's topics and Avro records through a real broker, in the wire format of a real schema registry. */
class AvroKafkaIntegrationTest {
    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();

    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();

    @BeforeAll
    static void createTopics() {
        TopicSetup.ensureAll(kafka.admin());
    }


    @Test
    void everyTopicHasItsPartitionsAndCleanupPolicy() throws Exception {
        Admin admin = kafka.admin();
        Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL.stream().map(Topics.Spec::name).toList())
                .allTopicNames().get();
        List<ConfigResource> resources = Topics.ALL.stream()
                .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        for (Topics.Spec spec : Topics.ALL) {
            assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            assertThat(policy).as(spec.name()).isEqualTo(spec.compacted() ? "compact" : "delete");
        }
        assertThat(TopicSetup.ensureAll(admin)).as("a second run creates nothing").isEmpty();
    }

    @Test
    void sessionEventsGoThroughTheBrokerInTheRegistryWireFormat() {
        List<SessionEvent> sent = new ArrayList<>();
        Instant start = Instant.parse("2025-10-01T01:00:00Z");
        for (int i = 0; i < 200; i++) {
            SessionEventType type = SessionEventType.values()[i % 4];
            sent.add(SessionEvent.newBuilder()
                    .setEventId("it-" + i).setPlatformId("swiftmeal").setWorkerId("w" + (i % 7))
                    .setWorkerKey(i % 2 == 0 ? null : "9f86d081884c7d65").setRegion("330600")
                    .setOccurredAt(start.plusSeconds(60L * i)).setType(type).build());
        }
        try (KafkaProducer<String, SessionEvent> producer = new KafkaProducer<>(avroProducerProps())) {
            for (SessionEvent e : sent) {
                producer.send(new ProducerRecord<>(Topics.SESSIONS, null, e.getOccurredAt().toEpochMilli(),
                        Topics.workerKey(e.getPlatformId(), e.getWorkerId()), e));
            }
        }

        AvroDeserializer<SessionEvent> deserializer = AvroDeserializer.specific(SessionEvent.class);
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        try (KafkaConsumer<String, SessionEvent> consumer = new KafkaConsumer<>(
                kafka.consumerProps("it-sessions"), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(Topics.SESSIONS));
            List<ConsumerRecord<String, SessionEvent>> received = KafkaClients.pollRecords(consumer, sent.size(), Duration.ofSeconds(30));
            assertThat(received).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
            // a worker's events share a key, hence a partition, hence their order
            Map<String, List<String>> perWorker = received.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(r -> r.value().getEventId(), Collectors.toList())));
            perWorker.forEach((worker, ids) -> assertThat(ids).as(worker)
                    .isSortedAccordingTo((a, b) -> Integer.compare(number(a), number(b))));
            assertThat(received).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(r.value().getOccurredAt().toEpochMilli()));
        }

        try (KafkaConsumer<String, byte[]> raw = new KafkaConsumer<>(
                kafka.consumerProps("it-raw"), new StringDeserializer(), new ByteArrayDeserializer())) {
            raw.subscribe(List.of(Topics.SESSIONS));
            List<ConsumerRecord<String, byte[]>> records = KafkaClients.pollRecords(raw, sent.size(), Duration.ofSeconds(30));
            Set<Integer> ids = records.stream().map(r -> {
                assertThat(r.value()[0]).as("magic byte").isZero();
                return ByteBuffer.wrap(r.value(), 1, 4).getInt();
            }).collect(Collectors.toSet());
            assertThat(ids).hasSize(1);
            assertThat(new RestSchemaRegistryClient(registry.url()).schemaById(ids.iterator().next()))
                    .isEqualTo(SessionEvent.getClassSchema());
        }
    }

    @Test
    void theShippedRulePackIsPublishedAndReadBack() {
        RulePack pack = RulePack.shipped("cn");
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(avroProducerProps())) {
            int sent = RulePublisher.publish(pack, producer);
            assertThat(sent).isEqualTo(pack.minimumWages().size() + pack.holidays().size()
                    + pack.categoryParameters().size() + pack.platforms().size() + pack.routes().size());
        }
        AvroDeserializer<MinimumWage> deserializer = AvroDeserializer.specific(MinimumWage.class);
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        try (KafkaConsumer<String, MinimumWage> consumer = new KafkaConsumer<>(
                kafka.consumerProps("it-wages"), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(Topics.MINIMUM_WAGES));
            List<ConsumerRecord<String, MinimumWage>> received =
                    KafkaClients.pollRecords(consumer, pack.minimumWages().size(), Duration.ofSeconds(30));
            assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(pack.minimumWages());
            assertThat(received).extracting(ConsumerRecord::key).contains("330300/2024-01-01", "330300/2021-08-01");
        }
    }

    private static Map<String, Object> avroProducerProps() {
        Map<String, Object> props = kafka.producerProps();
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    private static int number(String eventId) {
        return Integer.parseInt(eventId.substring(eventId.indexOf('-') + 1));
    }
}
