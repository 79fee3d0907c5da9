package org.gigwatch.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(KafkaBrokerIntegrationTest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    static KafkaBroker broker;
    static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(dataDir, 0);
        admin = admin(broker);
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void producesAndConsumesWithTheConsumerGroupProtocol() throws Exception {
        createTopic(admin, "plain");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producerProps(broker.bootstrapServers()))) {
            for (String value : List.of("one", "two", "three")) {
                producer.send(new ProducerRecord<>("plain", "key", value)).get();
            }
        }

        Map<String, Object> props = KafkaClients.consumerProps(broker.bootstrapServers(), "plain-readers");
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"); // KIP-848, not the classic protocol
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("plain"));
            assertThat(values(KafkaClients.pollRecords(consumer, 3, TIMEOUT))).containsExactly("one", "two", "three");
            consumer.commitSync();
        }

        assertThat(admin.listConsumerGroupOffsets("plain-readers").partitionsToOffsetAndMetadata().get()
            .get(new TopicPartition("plain", 0)).offset()).isEqualTo(3);
        assertThat(admin.describeConsumerGroups(List.of("plain-readers")).describedGroups().get("plain-readers").get().type())
            .isEqualTo(GroupType.CONSUMER);
    }

    @Test
    void transactionalRecordsReachReadCommittedOnlyOnCommitAndNeverWhenAborted() throws Exception {
        createTopic(admin, "tx");
        TopicPartition partition = new TopicPartition("tx", 0);
        Map<String, Object> producerProps = KafkaClients.producerProps(broker.bootstrapServers());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-writer");
        Map<String, Object> uncommittedProps = KafkaClients.consumerProps(broker.bootstrapServers(), "unused");
        uncommittedProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps);
             KafkaConsumer<String, String> committed = new KafkaConsumer<>(
                 KafkaClients.consumerProps(broker.bootstrapServers(), "unused"));
             KafkaConsumer<String, String> uncommitted = new KafkaConsumer<>(uncommittedProps)) {
            committed.assign(List.of(partition));
            uncommitted.assign(List.of(partition));
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "a1"));
            producer.send(new ProducerRecord<>("tx", "a2"));
            producer.flush();
            // the records are in the log, but an open transaction holds the last stable offset in front of them
            assertThat(values(KafkaClients.pollRecords(uncommitted, 2, TIMEOUT))).containsExactly("a1", "a2");
            assertThat(committed.endOffsets(List.of(partition))).containsEntry(partition, 0L);
            assertThat(uncommitted.endOffsets(List.of(partition))).containsEntry(partition, 2L);

            producer.commitTransaction();
            assertThat(values(KafkaClients.pollRecords(committed, 2, TIMEOUT))).containsExactly("a1", "a2");

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "b1"));
            producer.commitTransaction();
            // records arrive in log order, so the aborted one would come before b1
            assertThat(values(KafkaClients.pollRecords(committed, 1, TIMEOUT))).containsExactly("b1");
        }
    }

    @Test
    void restartOnTheSameDataDirKeepsTopicsAndRecords(@TempDir Path dir) throws Exception {
        String clusterId;
        long coldStart = System.nanoTime();
        try (KafkaBroker first = KafkaBroker.start(dir, 0); Admin firstAdmin = admin(first)) {
            coldStart = System.nanoTime() - coldStart;
            createTopic(firstAdmin, "kept");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producerProps(first.bootstrapServers()))) {
                for (String value : List.of("r1", "r2", "r3")) {
                    producer.send(new ProducerRecord<>("kept", value)).get();
                }
            }
            clusterId = firstAdmin.describeCluster().clusterId().get();
        }

        long restart = System.nanoTime();
        try (KafkaBroker second = KafkaBroker.start(dir, 0); Admin secondAdmin = admin(second)) {
            restart = System.nanoTime() - restart;
            assertThat(secondAdmin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            assertThat(secondAdmin.listTopics().names().get()).contains("kept");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                    KafkaClients.consumerProps(second.bootstrapServers(), "unused"))) {
                consumer.assign(List.of(new TopicPartition("kept", 0)));
                assertThat(values(KafkaClients.pollRecords(consumer, 3, TIMEOUT))).containsExactly("r1", "r2", "r3");
            }
        }
        log.info("broker start: cold (formatting) {} ms, restart {} ms",
            TimeUnit.NANOSECONDS.toMillis(coldStart), TimeUnit.NANOSECONDS.toMillis(restart));
    }

    @Test
    void refusesATakenPortClearly(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> KafkaBroker.start(dir, taken.getLocalPort()))
                .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static void createTopic(Admin admin, String topic) throws Exception {
        admin.createTopics(Set.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
