package org.gigwatch.app;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.registry.AvroSerializer;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.RulePublisher;

/** Publishes a rule pack to the rule topics with an idempotent producer. */
final class RuleData {
    static int publish(RulePack pack, String bootstrapServers, String registryUrl) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // the rule topics may have been created a moment ago: one request at a time, so a first batch refused
                // before the partition's leader is ready cannot leave later batches out of sequence (a few KB of data)
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props)) {
            return RulePublisher.publish(pack, producer);
        }
    }

    private RuleData() {}
}
