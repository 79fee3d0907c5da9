package org.gigwatch.embedded;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class KafkaFixtureIntegrationTest {

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();

    @Test
    void createsTopicsAndCarriesRecords() throws Exception {
        kafka.createTopics("fixture-in", "fixture-out");
        kafka.createTopics("fixture-in"); // already there: fine
        assertThat(kafka.admin().listTopics().names().get()).contains("fixture-in", "fixture-out");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProps())) {
            producer.send(new ProducerRecord<>("fixture-in", "k", "v")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumerProps("fixture-test"))) {
            consumer.subscribe(List.of("fixture-in"));
            assertThat(KafkaClients.pollRecords(consumer, 1, Duration.ofSeconds(30)))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("k", "v"));
        }
    }
}
