package org.gigwatch.alerts;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.gigwatch.avro.Violation;
import org.gigwatch.schemas.JsonSerde;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.schemas.registry.SchemaRegistryClient;
import org.gigwatch.schemas.registry.SchemaRegistryClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Violations to the regulators' topics, through the alert lifecycle (see docs/ALERTS.md).
 *
 * <pre>
 * gigwatch.violations ─ known region? ─ lifecycle (RocksDB: one {@link AlertState} per alert;
 *   repeats and stale versions dropped, status OPEN → UPDATED… → RESOLVED) ─ fan-out by {@link RoutingTable}
 *   ─> gigwatch.regulator.&lt;city&gt;.&lt;department&gt; and gigwatch.regulator.&lt;province&gt;.&lt;department&gt;
 * </pre>
 *
 * Exactly-once (v2): a violation read is published to each of its topics once, however often the router restarts.
 *
 * <p>The lifecycle runs in the task that reads the violation: gigwatch.violations is keyed by the worker the rule
 * judged (AsyncAPI: the worker's key, or {@code platformId/workerId}, by the rule's scope), and the alertId is derived
 * from rule, scope, worker and window, so every version of one alert has the same key, hence the same partition and
 * task. Re-keying by alertId (a repartition topic) would only help a producer that breaks that contract, and it
 * cost every violation a second transaction (written, committed, read back): about half the router's work.
 */
public final class RoutingTopology {
    private static final Logger log = LoggerFactory.getLogger(RoutingTopology.class);

    public static final String APPLICATION_ID = "gigwatch-alerts";
    public static final String ALERTS_STORE = "alerts-lifecycle";
    /** Partitions of a regulator topic: one keeps a regulator's alerts in one order, and a region's volume is small. */
    public static final int REGULATOR_PARTITIONS = 1;

    public static Topology buildTopology(RoutingConfig config) {
        Serde<Violation> violations = AvroSerde.specific(Violation.class, config.registryUrl());
        RoutingTable table = new RoutingTable(config.rules());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.VIOLATIONS, Consumed.with(Serdes.String(), violations).withName("violations"))
                .filter((key, v) -> routable(v, table), Named.as("routable"))
                // no re-keying by alertId: every version of an alert has the same key (see the class comment)
                .process(lifecycle(), Named.as("lifecycle"))
                .flatMapValues(v -> table.topics(v).stream().map(topic -> new Routed(topic, v)).toList(), Named.as("fan-out"))
                .to((key, routed, context) -> routed.topic(),
                        Produced.with(Serdes.String(), Routed.serde(violations.serializer())).withName("regulators"));
        return builder.build();
    }

    /** Tombstones and violations of a region outside the pack cannot be routed: logged and skipped, not fatal. */
    private static boolean routable(Violation v, RoutingTable table) {
        if (v == null) {
            return false;
        }
        if (!table.knows(v.getRegion())) {
            log.warn("violation {} ({}) names region {}, which is not in the rule pack: not routed", v.getAlertId(),
                    v.getRuleId(), v.getRegion());
            return false;
        }
        return true;
    }

    /** A violation bound for one regulator topic; only the violation is written. */
    record Routed(String topic, Violation violation) {
        static Serde<Routed> serde(Serializer<Violation> violations) {
            return Serdes.serdeFrom((topic, routed) -> violations.serialize(topic, routed.violation()),
                    (topic, bytes) -> {
                        throw new UnsupportedOperationException("routed violations are only written");
                    });
        }
    }

    private static ProcessorSupplier<String, Violation, String, Violation> lifecycle() {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Violation, String, Violation> get() {
                return new Lifecycle();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERTS_STORE), Serdes.String(),
                        JsonSerde.of(AlertState.class)));
            }
        };
    }

    /** Applies {@link AlertState#next} and publishes the violation with the status it gives, or nothing. */
    private static final class Lifecycle implements Processor<String, Violation, String, Violation> {
        private ProcessorContext<String, Violation> context;
        private KeyValueStore<String, AlertState> alerts;

        @Override
        public void init(ProcessorContext<String, Violation> context) {
            this.context = context;
            this.alerts = context.getStateStore(ALERTS_STORE);
        }

        @Override
        public void process(Record<String, Violation> record) {
            Violation v = record.value();
            AlertState.next(alerts.get(v.getAlertId()), v).ifPresent(state -> {
                alerts.put(v.getAlertId(), state);
                v.setStatus(state.status()); // the record was deserialized for this processor alone: no copy needed
                context.forward(record.withKey(v.getAlertId()));
            });
        }
    }

    /** Creates the regulator topics of the pack that are missing; returns the names created. */
    public static List<String> ensureRegulatorTopics(Admin admin, RoutingTable table) {
        return TopicSetup.ensure(admin, table.allTopics().stream()
                .map(topic -> new Topics.Spec(topic, REGULATOR_PARTITIONS, false)).toList());
    }

    /**
     * Registers the violation schema under every regulator topic's subject, one at a time, before the router starts:
     * its stream threads would otherwise race to register a subject first, and the registry (Apicurio) answers the
     * loser of such a race with 409 "already exists", which would stop the router.
     */
    public static void registerRegulatorSchemas(String registryUrl, RoutingTable table) {
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(registryUrl);
        for (String topic : table.allTopics()) {
            registry.register(topic + "-value", Violation.getClassSchema());
        }
    }

    /** Kafka Streams settings for a real run: exactly-once v2, RocksDB state under {@code stateDir}. */
    public static Properties streamsProperties(String bootstrapServers, String stateDir) {
        Properties props = new Properties();
        props.putAll(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.STATE_DIR_CONFIG, stateDir,
                // Transactions v2 start every transaction with a new producer epoch, and a partition accepts only
                // sequence 0 first: with several requests in flight, a later batch that overtakes the first one is
                // refused (OutOfOrderSequence, retriable) and sent again after a growing backoff, up to a second.
                // One request at a time never races; each carries every partition's batch, so nothing is lost in width.
                StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1,
                // a thread spends about half its time waiting for its commit (flush, offsets, end of transaction):
                // a second one processes meanwhile, with transactions of its own
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2));
        return props;
    }

    private RoutingTopology() {}
}
