package org.gigwatch.streams.workingtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps stream time moving on quiet partitions: writes a tick (key {@value #TICK_KEY}, null value, the tick's time as
 * record timestamp) to every partition of the event topics. Ticks are data, so replaying the topics replays the
 * clock, and the rules stay on stream time (no wall-clock punctuation). Also used once at the end of a bounded run
 * (history mode, tests) to flush the last windows: a tick past the last window plus the grace period.
 */
public final class StreamClock implements AutoCloseable {
    public static final String TICK_KEY = "~tick";
    private static final Logger log = LoggerFactory.getLogger(StreamClock.class);

    private final Producer<String, byte[]> producer;
    private final List<String> topics;
    private ScheduledExecutorService timer;

    public StreamClock(Producer<String, byte[]> producer, List<String> topics) {
        this.producer = producer;
        this.topics = List.copyOf(topics);
    }

    /** One tick at event time {@code at} to every partition of every topic, flushed. */
    public void tick(long at) {
        for (String topic : topics) {
            for (PartitionInfo partition : producer.partitionsFor(topic)) {
                producer.send(new ProducerRecord<String, byte[]>(topic, partition.partition(), Long.valueOf(at), TICK_KEY, (byte[]) null));
            }
        }
        producer.flush();
    }

    /**
     * Ticks every {@code period} with the time {@code now} gives: the wall clock for live platforms, the simulated
     * clock for a simulated live run.
     */
    public synchronized StreamClock start(Duration period, LongSupplier now) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gigwatch-stream-clock"));
            timer.scheduleAtFixedRate(() -> {
                try {
                    tick(now.getAsLong());
                } catch (RuntimeException e) {
                    log.warn("stream clock tick failed; the next one will try again", e);
                }
            }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        producer.close(Duration.ofSeconds(5));
    }
}
