package org.gigwatch.streams.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.gigwatch.avro.InjuryResponsibility;
import org.gigwatch.avro.LateEvent;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.Quota;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.JsonSerde;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.streams.workingtime.AvroBinarySerde;
import org.gigwatch.streams.workingtime.BoundedMemoryRocksDbConfig;
import org.gigwatch.streams.workingtime.OccurredAtExtractor;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;

/**
 * The platform-level rules, QUOTA and INJURY_RESPONSIBILITY, as a Streams application of their own
 * ({@value #APPLICATION_ID}); see docs/PLATFORM-RULES.md.
 *
 * <pre>
 * sessions ──┐
 * orders ────┤                        ┌─ quota days, quotas ─ repartition by platform/region/role ─ quota-judge ─> violations
 * registr. ──┼─ account-activity ─────┼─ trip signals ─ repartition by person (workerKey) ─ trip-watch ─┬─> violations
 * quotas ────┘  (dedupe, grace buffer) └─ late events ─> gigwatch.events.late                          └─> responsibility
 * </pre>
 * Both repartitions carry watermarks to every partition: a downstream task acts on what every upstream task has
 * released (a k-way merge in event time, as the working-time topology's cross-platform scope).
 */
public final class PlatformTopology {
    public static final String APPLICATION_ID = "gigwatch-platform";
    public static final String QUOTA_REPARTITION = "quota-days";
    public static final String TRIP_REPARTITION = "person-trips";

    static final String SEEN_EVENTS_STORE = "platform-seen-events";
    static final String PENDING_EVENTS_STORE = "platform-pending-events";
    static final String REGISTRATIONS_STORE = "platform-registrations";
    static final String ACCOUNTS_STORE = "platform-accounts";
    static final String ACCOUNT_TIMERS_STORE = "platform-account-timers";
    static final String QUOTA_BOOKS_STORE = "platform-quota-books";
    static final String QUOTA_DAYS_STORE = "platform-quota-days";
    static final String QUOTA_WATERMARKS_STORE = "platform-quota-watermarks";
    /** Each person's orders not yet part of a finished trip (the trip in progress), by person. */
    public static final String PERSON_TRIPS_STORE = "platform-person-trips";
    static final String INCIDENTS_STORE = "platform-incidents";
    static final String TRIP_WATERMARKS_STORE = "platform-trip-watermarks";
    /** Finished trips by person, window start = trip start: the interactive query's history. */
    public static final String TRIPS_STORE = "platform-trips";

    /** The key of watermark signals; they go to every partition whatever their key. */
    static final String BROADCAST_KEY = "~watermark";

    public static Topology buildTopology(WorkingTimeConfig config) {
        String registry = config.registryUrl();
        OccurredAtExtractor eventTime = new OccurredAtExtractor();
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, SpecificRecord> input = source(builder, Topics.SESSIONS, AvroSerde.specific(SessionEvent.class, registry), eventTime)
                .merge(source(builder, Topics.ORDERS, AvroSerde.specific(OrderEvent.class, registry), eventTime), Named.as("orders-in"))
                .merge(source(builder, Topics.REGISTRATIONS, AvroSerde.specific(WorkerRegistration.class, registry), eventTime),
                        Named.as("registrations-in"))
                .merge(source(builder, Topics.QUOTAS, AvroSerde.specific(Quota.class, registry), eventTime), Named.as("quotas-in"));

        Map<String, KStream<String, Object>> out = input
                .process(supplier(AccountActivity::new, config, accountStores(config)), Named.as("account-activity"))
                .split(Named.as("account-"))
                .branch((k, v) -> v instanceof QuotaSignal, Branched.as("quota"))
                .branch((k, v) -> v instanceof TripSignal, Branched.as("trip"))
                .defaultBranch(Branched.as("late"));
        Serde<Violation> violations = AvroSerde.specific(Violation.class, registry);

        out.get("account-late").mapValues(v -> (LateEvent) v, Named.as("late-event"))
                .to(Topics.LATE, Produced.with(Serdes.String(), AvroSerde.specific(LateEvent.class, registry)).withName("late-out"));

        out.get("account-quota").mapValues(v -> (QuotaSignal) v, Named.as("quota-signal"))
                .repartition(Repartitioned.<String, QuotaSignal>as(QUOTA_REPARTITION).withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(QuotaSignal.class))
                        .withStreamPartitioner(new Broadcast<>(s -> s.kind() == QuotaSignal.Kind.WATERMARK)))
                .process(supplier(QuotaJudge::new, config, Set.of(
                        keyValue(QUOTA_BOOKS_STORE, JsonSerde.of(QuotaBook.class)),
                        keyValue(QUOTA_DAYS_STORE, JsonSerde.of(QuotaDay.class)),
                        keyValue(QUOTA_WATERMARKS_STORE, Serdes.Long()))), Named.as("quota-judge"))
                .to(Topics.VIOLATIONS, Produced.with(Serdes.String(), violations).withName("quota-violations-out"));

        Map<String, KStream<String, SpecificRecord>> trips = out.get("account-trip")
                .mapValues(v -> (TripSignal) v, Named.as("trip-signal"))
                .repartition(Repartitioned.<String, TripSignal>as(TRIP_REPARTITION).withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(TripSignal.class))
                        .withStreamPartitioner(new Broadcast<>(s -> s.kind() == TripSignal.Kind.WATERMARK)))
                .process(supplier(TripWatch::new, config, Set.of(
                        keyValue(PERSON_TRIPS_STORE, JsonSerde.of(PersonTrips.class)),
                        keyValue(INCIDENTS_STORE, JsonSerde.of(TripSignal.class)),
                        keyValue(TRIP_WATERMARKS_STORE, Serdes.Long()),
                        Stores.windowStoreBuilder(Stores.persistentWindowStore(TRIPS_STORE, config.personRetention(),
                                Duration.ofMillis(1), false), Serdes.String(), JsonSerde.of(Trip.class)))), Named.as("trip-watch"))
                .split(Named.as("trip-"))
                .branch((k, v) -> v instanceof Violation, Branched.as("violations"))
                .defaultBranch(Branched.as("responsibility"));
        trips.get("trip-violations").mapValues(v -> (Violation) v, Named.as("trip-violation"))
                .to(Topics.VIOLATIONS, Produced.with(Serdes.String(), violations).withName("trip-violations-out"));
        trips.get("trip-responsibility").mapValues(v -> (InjuryResponsibility) v, Named.as("responsibility"))
                .to(Topics.RESPONSIBILITY, Produced.with(Serdes.String(), AvroSerde.specific(InjuryResponsibility.class, registry))
                        .withName("responsibility-out"));
        return builder.build();
    }

    private static <V extends SpecificRecord> KStream<String, SpecificRecord> source(StreamsBuilder builder, String topic,
                                                                                     Serde<V> values, OccurredAtExtractor time) {
        return builder.stream(topic, Consumed.with(Serdes.String(), values).withTimestampExtractor(time).withName(topic))
                .mapValues(v -> (SpecificRecord) v, Named.as(topic + "-as-events"));
    }

    private static Set<StoreBuilder<?>> accountStores(WorkingTimeConfig config) {
        return Set.of(
                // not cached, as in the working-time topology: whether an old repeat is a duplicate or late must not
                // depend on when a cache was flushed
                Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN_EVENTS_STORE, config.dedupeRetention(),
                        Duration.ofMillis(1), false), Serdes.String(), Serdes.Long()),
                keyValue(PENDING_EVENTS_STORE, AvroBinarySerde.oneOf(SessionEvent.class, OrderEvent.class)),
                keyValue(REGISTRATIONS_STORE, AvroBinarySerde.of(WorkerRegistration.class)),
                keyValue(ACCOUNTS_STORE, JsonSerde.of(AccountDayLog.class)),
                keyValue(ACCOUNT_TIMERS_STORE, Serdes.String()));
    }

    private static <I, O> ProcessorSupplier<String, I, String, O> supplier(
            Function<WorkingTimeConfig, Processor<String, I, String, O>> processor, WorkingTimeConfig config,
            Set<StoreBuilder<?>> stores) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, I, String, O> get() {
                return processor.apply(config);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }

    private static <V> StoreBuilder<?> keyValue(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values).withCachingEnabled();
    }

    /** Watermarks to every partition (each downstream task waits for every upstream task); the rest by key. */
    static final class Broadcast<V> implements StreamPartitioner<String, V> {
        private final java.util.function.Predicate<V> everywhere;

        Broadcast(java.util.function.Predicate<V> everywhere) {
            this.everywhere = everywhere;
        }

        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
            if (everywhere.test(value)) {
                return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
            }
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions));
        }
    }

    /** Kafka Streams settings for a real run: exactly-once, RocksDB state under {@code stateDir}, memory bounded. */
    public static Properties streamsProperties(String bootstrapServers, String stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        // the event topics meet in one task: wait a little for an empty partition before taking another's newer records
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, WorkingTimeTopology.TASK_IDLE.toMillis());
        WorkingTimeTopology.producerSettings(props);
        return props;
    }

    private PlatformTopology() {}
}
