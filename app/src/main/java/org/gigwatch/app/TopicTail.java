package org.gigwatch.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows topics from their current end on a thread of its own and hands every non-null record to a callback.
 * No consumer group: it watches, it does not take part. The start is fixed before the constructor returns, so
 * nothing written afterwards is missed.
 */
final class TopicTail<K, V> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);

    private final KafkaConsumer<K, V> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    /** @param onFailure told why, if reading stops for any reason but {@link #close()} */
    TopicTail(KafkaConsumer<K, V> consumer, List<String> topics, Consumer<ConsumerRecord<K, V>> onRecord,
              Consumer<RuntimeException> onFailure, String threadName) {
        this.consumer = consumer;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // seekToEnd is lazy: resolve the start now
        poller = new Thread(() -> poll(onRecord, onFailure), threadName);
        poller.setDaemon(true);
        poller.start();
    }

    private void poll(Consumer<ConsumerRecord<K, V>> onRecord, Consumer<RuntimeException> onFailure) {
        try {
            while (running) {
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) { // null: a stream-clock tick, not data
                        onRecord.accept(record);
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke us up
        } catch (RuntimeException e) {
            log.error("reading {} failed", poller.getName(), e);
            onFailure.accept(e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(5_000);
    }
}
