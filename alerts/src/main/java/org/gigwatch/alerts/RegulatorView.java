package org.gigwatch.alerts;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console shows, kept in memory and rebuilt from Kafka at every start: every regulator topic read from its
 * beginning (read_committed, so only what the router committed), each alert's published versions per topic, and
 * the worker-days per city, platform and local day from {@link Topics#WORKING_DAYS} (the charts' denominator).
 *
 * <p>A regulator sees one topic; the view answers per topic, so scoping is the routing itself. Listeners (the live
 * feeds) are told of each new version on their topic, on the view's consumer thread.
 */
public final class RegulatorView implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegulatorView.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<Violation> violations;
    private final Deserializer<WorkingDay> workingDays;
    private final Set<String> regulatorTopics;
    /** topic → alertId → versions, oldest first. */
    private final Map<String, Map<String, List<Violation>>> alerts = new HashMap<>();
    /** city → platform → local day → worker-days. */
    private final Map<String, Map<String, Map<LocalDate, Long>>> workerDays = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    private record Listener(String topic, Consumer<List<Violation>> onVersion) {}

    public RegulatorView(String bootstrapServers, String registryUrl, List<String> regulatorTopics) {
        this.regulatorTopics = Set.copyOf(regulatorTopics);
        this.violations = AvroSerde.specific(Violation.class, registryUrl).deserializer();
        this.workingDays = AvroSerde.specific(WorkingDay.class, registryUrl).deserializer();
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "gigwatch-console-view"), new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : concat(regulatorTopics, Topics.WORKING_DAYS)) {
                partitions.addAll(partitionsOf(topic));
            }
            consumer.assign(partitions); // no group: every start reads everything again, which is how the view survives one
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.thread = new Thread(this::run, "gigwatch-console-view");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A topic's partitions. A topic created a moment ago may not be in the broker's metadata yet, and then has none
     * for a while: without waiting for them, the view would silently never read it.
     */
    private List<TopicPartition> partitionsOf(String topic) {
        long deadline = System.nanoTime() + METADATA_TIMEOUT.toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions after " + METADATA_TIMEOUT + ": does it exist?");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
        }
    }

    private static List<String> concat(List<String> topics, String more) {
        List<String> all = new ArrayList<>(topics);
        all.add(more);
        return all;
    }

    private void run() {
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        take(record);
                    } catch (RuntimeException e) {
                        log.warn("skipping a record of {} that cannot be read: {}", record.topic(), e.toString());
                    }
                }
                if (caughtUp.getCount() > 0 && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("the console view stopped reading Kafka", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        if (record.topic().equals(Topics.WORKING_DAYS)) {
            WorkingDay day = workingDays.deserialize(record.topic(), record.value());
            synchronized (this) {
                workerDays.computeIfAbsent(day.getRegion(), r -> new HashMap<>())
                        .computeIfAbsent(day.getPlatformId(), p -> new HashMap<>())
                        .merge(day.getDay(), 1L, Long::sum);
            }
            return;
        }
        Violation v = violations.deserialize(record.topic(), record.value());
        List<Violation> history;
        synchronized (this) {
            List<Violation> versions = alerts.computeIfAbsent(record.topic(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(v.getAlertId(), id -> new ArrayList<>());
            versions.add(v);
            history = List.copyOf(versions);
        }
        for (Listener listener : listeners) {
            if (listener.topic().equals(record.topic())) {
                listener.onVersion().accept(history);
            }
        }
    }

    /** Waits until everything that was in the topics at the start has been read; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Calls {@code onVersion} with an alert's versions whenever a new one arrives on {@code topic}; returns the unsubscribe. */
    public Runnable subscribe(String topic, Consumer<List<Violation>> onVersion) {
        requireRegulatorTopic(topic);
        Listener listener = new Listener(topic, onVersion);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Every alert of a topic, each as its versions (oldest first). */
    public synchronized List<List<Violation>> alerts(String topic) {
        requireRegulatorTopic(topic);
        return alerts.getOrDefault(topic, Map.of()).values().stream().map(List::copyOf).toList();
    }

    /** One alert's versions, if it is on the topic. */
    public synchronized Optional<List<Violation>> alert(String topic, String alertId) {
        requireRegulatorTopic(topic);
        return Optional.ofNullable(alerts.getOrDefault(topic, Map.of()).get(alertId)).map(List::copyOf);
    }

    /** Worker-days (one per platform account and local day with working time) of the cities and platform, in a range of days. */
    public synchronized long workerDays(Set<String> cities, String platform, LocalDate from, LocalDate to) {
        long total = 0;
        for (String city : cities) {
            for (Map.Entry<LocalDate, Long> day : workerDays.getOrDefault(city, Map.of()).getOrDefault(platform, Map.of()).entrySet()) {
                if ((from == null || !day.getKey().isBefore(from)) && (to == null || !day.getKey().isAfter(to))) {
                    total += day.getValue();
                }
            }
        }
        return total;
    }

    private void requireRegulatorTopic(String topic) {
        if (!regulatorTopics.contains(topic)) {
            throw new IllegalArgumentException(topic + " is not a regulator topic of this view");
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
