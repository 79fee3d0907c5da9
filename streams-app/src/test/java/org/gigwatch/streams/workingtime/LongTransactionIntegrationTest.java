package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.gigwatch.embedded.KafkaFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction that stays open longer than Kafka Streams' default transaction timeout (10 s) still commits with
 * {@link WorkingTimeTopology#streamsProperties}: with the default, the broker aborted such a transaction and fenced
 * the producer, and the thread reprocessed the same records into the same long transaction again, for ever (seen
 * when a 20,000-worker backlog met two busy cores). Here a processor holds its transaction open for 21 s (the broker
 * checks for timed-out transactions every 10 s, so without the setting it is aborted), on a real broker.
 */
class LongTransactionIntegrationTest {
    private static final String IN = "long-transaction-in";
    private static final String OUT = "long-transaction-out";
    private static final Duration HOLD = Duration.ofSeconds(21);

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();

    @TempDir
    Path stateDir;

    @Test
    void aTransactionOpenLongerThanStreamsDefaultTimeoutCommitsOnceWithoutFencing() throws Exception {
        kafka.createTopics(IN, OUT);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(),
                new StringSerializer())) {
            for (String value : List.of("a", "slow", "b")) {
                producer.send(new ProducerRecord<>(IN, "k", value)).get();
            }
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(IN, Consumed.with(Serdes.String(), Serdes.String()))
                .processValues(SendThenHold::new)
                .to(OUT, Produced.with(Serdes.String(), Serdes.String()));
        Properties props = WorkingTimeTopology.streamsProperties(kafka.bootstrapServers(), stateDir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "long-transaction-it");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            // fenced, the thread would redo the same 21 s transaction for ever: nothing committed
            assertThat(readCommitted(3, HOLD.plusSeconds(60))).containsExactly("a", "slow", "b");
        }
    }

    /** Forwards each record (its send opens the transaction), then holds the thread on "slow". */
    private static final class SendThenHold implements FixedKeyProcessor<String, String, String> {
        private FixedKeyProcessorContext<String, String> context;

        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, String> record) {
            context.forward(record);
            if ("slow".equals(record.value())) {
                try {
                    Thread.sleep(HOLD.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private List<String> readCommitted(int expected, Duration patience) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "long-transaction-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(OUT));
            long deadline = System.nanoTime() + patience.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // anything more (a duplicate from a reprocessed transaction) shows in the assertion
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}
