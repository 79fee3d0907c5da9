package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.schemas.Topics;
import org.junit.jupiter.api.Test;

class StreamClockTest {
    @Test
    void aTickGoesToEveryPartitionWithItsTimeAndNoValue() {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> partitions = IntStream.range(0, Topics.WORKER_PARTITIONS)
                .mapToObj(p -> new PartitionInfo(Topics.SESSIONS, p, node, new Node[] {node}, new Node[] {node}))
                .toList();
        Cluster cluster = new Cluster("c", List.of(node), partitions, Set.of(), Set.of());
        MockProducer<String, byte[]> producer = new MockProducer<>(cluster, true, null, new StringSerializer(),
                new ByteArraySerializer());

        try (StreamClock clock = new StreamClock(producer, List.of(Topics.SESSIONS))) {
            clock.tick(1_759_100_000_000L);
        }

        assertThat(producer.history()).extracting(ProducerRecord::partition)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, Topics.WORKER_PARTITIONS).boxed().toList());
        assertThat(producer.history()).allSatisfy(tick -> {
            assertThat(tick.timestamp()).isEqualTo(1_759_100_000_000L);
            assertThat(tick.key()).isEqualTo(StreamClock.TICK_KEY);
            assertThat(tick.value()).isNull();
        });
    }
}
