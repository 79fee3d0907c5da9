package org.gigwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.registry.AvroSerializer;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.RulePublisher;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.KafkaEventSink;
import org.gigwatch.simulator.truth.Score;
import org.gigwatch.simulator.truth.ViolationKey;
import org.gigwatch.streams.workingtime.StreamClock;
import org.gigwatch.streams.workingtime.ViolationOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scored integration tests share: a real registry, gigwatch's topics, a simulated history (history mode)
 * written once to the broker, the clock ticks that close its last days, the ground truth, and the check that every
 * rule is scored perfectly against it. One per test class ({@code @BeforeAll}, closed in {@code @AfterAll}); each
 * test runs its apps under its own application id and reads what they append, read_committed.
 */
public final class SimulatedHistory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedHistory.class);

    private final KafkaFixture kafka;
    private final SchemaRegistryServer registry;
    private final Simulator simulator;

    private SimulatedHistory(KafkaFixture kafka, SchemaRegistryServer registry, Simulator simulator) {
        this.kafka = kafka;
        this.registry = registry;
        this.simulator = simulator;
    }

    /**
     * Starts a registry, creates the topics, publishes {@code rules} to the rule topics (none: null) and writes the
     * simulation to the broker.
     */
    public static SimulatedHistory write(KafkaFixture kafka, SimulatorConfig config, RulePack rules) {
        SimulatedHistory history = new SimulatedHistory(kafka, startRegistry(kafka, rules, List.of()), new Simulator(config));
        try {
            long began = System.nanoTime();
            try (KafkaEventSink sink = KafkaEventSink.create(kafka.bootstrapServers(), history.registryUrl())) {
                history.simulator.run(sink);
            }
            log.info("simulated {} workers × {} days: {} events written in {} s; ground truth: {}", config.workers(),
                    config.days(), history.simulator.counters().total(), (System.nanoTime() - began) / 1_000_000_000L,
                    history.simulator.groundTruth().counts());
            return history;
        } catch (RuntimeException e) {
            history.close();
            throw e;
        }
    }

    /**
     * Starts a registry, creates the topics and publishes {@code rules} (none: null), then {@code events} in their
     * order; the caller closes the registry. For a hand-made history ({@link #write} writes a simulated one).
     */
    public static SchemaRegistryServer startRegistry(KafkaFixture kafka, RulePack rules,
                                                     List<ProducerRecord<String, SpecificRecord>> events) {
        SchemaRegistryServer registry = SchemaRegistryServer.start();
        try {
            TopicSetup.ensureAll(kafka.admin());
            try (KafkaProducer<String, SpecificRecord> producer = avroProducer(kafka, registry.url())) {
                if (rules != null) {
                    RulePublisher.publish(rules, producer);
                }
                events.forEach(producer::send);
            }
            return registry;
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    public String registryUrl() {
        return registry.url();
    }

    /** One tick on every partition of {@code topics}: their stream time moves to {@code at}. */
    public void tick(List<String> topics, long at) {
        try (StreamClock clock = new StreamClock(new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()), topics)) {
            clock.tick(at);
        }
    }

    /** Publishes one rule-data entry (Avro, registry wire format) and waits for the broker's acknowledgement. */
    public void publish(String topic, String key, SpecificRecord value) throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = avroProducer(kafka, registry.url())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** The ground truth's violations of {@code rules}. */
    public Set<ViolationKey> expected(Collection<String> rules) {
        return simulator.groundTruth().keys().stream().filter(k -> rules.contains(k.rule())).collect(Collectors.toSet());
    }

    /** What is appended to the violations topic from now on (read_committed). */
    public ViolationOutput output() {
        return ViolationOutput.fromNow(kafka, registry.url());
    }

    /** Starts a Kafka Streams app on this broker; the caller closes it. */
    public static KafkaStreams start(Topology topology, Properties props) {
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        return streams;
    }

    /** Every rule of {@code rules} is found, nothing else: precision and recall 1.0 each, with samples of what is not. */
    public static void assertScoredPerfectly(Set<ViolationKey> expected, Set<ViolationKey> found, List<String> rules) {
        Map<String, Score> scores = Score.byRule(List.copyOf(expected), found);
        log.info("scores: {}", scores);
        assertThat(scores.keySet()).containsExactlyInAnyOrderElementsOf(rules);
        scores.forEach((rule, score) -> {
            assertThat(score.falseNegatives()).as(rule + " missed: " + sample(expected, found, rule)).isZero();
            assertThat(score.falsePositives()).as(rule + " false alarms: " + sample(found, expected, rule)).isZero();
            assertThat(score.precision()).isEqualTo(1.0);
            assertThat(score.recall()).isEqualTo(1.0);
        });
    }

    private static String sample(Set<ViolationKey> these, Set<ViolationKey> notIn, String rule) {
        return these.stream().filter(k -> k.rule().equals(rule) && !notIn.contains(k)).limit(5)
                .map(Object::toString).collect(Collectors.joining("; "));
    }

    private static KafkaProducer<String, SpecificRecord> avroProducer(KafkaFixture kafka, String registryUrl) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                // topics just created: a first batch refused (NOT_LEADER) with later ones in flight left the producer
                // resending OUT_OF_ORDER_SEQUENCE for its whole delivery timeout once (PayReplayIntegrationTest, busy machine)
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
    }

    @Override
    public void close() {
        registry.close();
    }
}
