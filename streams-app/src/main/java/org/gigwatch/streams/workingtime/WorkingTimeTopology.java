package org.gigwatch.streams.workingtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
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
import org.gigwatch.avro.LateEvent;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.JsonSerde;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Working time and the rules on it (REST_BREAK, DAILY_HOURS, MONTHLY_OVERTIME, NO_REST_DAY), in the platform scope
 * (key platformId/workerId, as the event topics are keyed) and the cross-platform scope (key workerKey, through the
 * {@value #PERSON_REPARTITION} repartition topic); each account's closed local days go to {@link Topics#WORKING_DAYS}.
 * See docs/WORKING-TIME.md.
 *
 * <pre>
 * sessions ──┐
 * orders ────┤
 *            ├─ platform-working-time ─┬─ violations ───────────────────────────────> gigwatch.violations
 *            │                         ├─ working days ──────────────────────────────> gigwatch.worktime.days
 * registr. ──┘  (dedupe, grace buffer, ├─ late events ──────────────────────────────> gigwatch.events.late
 *                timers, rules)        └─ signals ─ repartition by workerKey ─ person-working-time ─> gigwatch.violations
 * </pre>
 */
public final class WorkingTimeTopology {
    private static final Logger log = LoggerFactory.getLogger(WorkingTimeTopology.class);

    public static final String APPLICATION_ID = "gigwatch-working-time";
    public static final String PERSON_REPARTITION = "person-activity";

    public static final String SEEN_EVENTS_STORE = "working-time-seen-events";
    public static final String PENDING_EVENTS_STORE = "working-time-pending-events";
    public static final String REGISTRATIONS_STORE = "working-time-registrations";
    public static final String WORKERS_STORE = "working-time-workers";
    public static final String WORKER_TIMERS_STORE = "working-time-worker-timers";
    public static final String PERSON_PENDING_STORE = "working-time-person-pending";
    public static final String WATERMARKS_STORE = "working-time-watermarks";
    public static final String PERSONS_STORE = "working-time-persons";
    public static final String PERSON_TIMERS_STORE = "working-time-person-timers";
    /** Open violations by {@code <workerKey>|<alertId>}, for the interactive queries ({@link OpenViolations}). */
    public static final String PLATFORM_OPEN_VIOLATIONS_STORE = "working-time-platform-open-violations";
    public static final String PERSON_OPEN_VIOLATIONS_STORE = "working-time-person-open-violations";

    /** The event topics whose stream time the {@link StreamClock} must move: the topology's timed inputs. */
    public static final List<String> CLOCK_TOPICS = List.of(Topics.SESSIONS, Topics.ORDERS);

    /**
     * How long a task waits for an input partition with nothing buffered (and nothing more on the broker, as of its
     * last fetch) before it goes on with the others' records ({@code max.task.idle.ms}): sessions and orders meet in
     * one task, and taking one's newer records first would move stream time past events the other has still to come.
     */
    public static final Duration TASK_IDLE = Duration.ofSeconds(2);

    /** The key of watermark signals; they go to every partition whatever their key. */
    static final String WATERMARK_KEY = "~watermark";

    public static Topology buildTopology(WorkingTimeConfig config) {
        return buildTopology(config, StreamTopics.LIVE);
    }

    /** The same topology over other topics (a replay's): {@code topics} names the inputs and outputs. */
    public static Topology buildTopology(WorkingTimeConfig config, StreamTopics topics) {
        Serde<SessionEvent> sessions = AvroSerde.specific(SessionEvent.class, config.registryUrl());
        Serde<OrderEvent> orders = AvroSerde.specific(OrderEvent.class, config.registryUrl());
        Serde<WorkerRegistration> registrations = AvroSerde.specific(WorkerRegistration.class, config.registryUrl());
        Serde<Violation> violations = AvroSerde.specific(Violation.class, config.registryUrl());
        Serde<WorkingDay> workingDays = AvroSerde.specific(WorkingDay.class, config.registryUrl());
        OccurredAtExtractor eventTime = new OccurredAtExtractor();

        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, SpecificRecord> sessionEvents = builder
                .stream(topics.sessions(), Consumed.with(Serdes.String(), sessions).withTimestampExtractor(eventTime)
                        .withName("sessions"))
                .mapValues(v -> (SpecificRecord) v, Named.as("sessions-as-events"));
        KStream<String, SpecificRecord> orderEvents = builder
                .stream(topics.orders(), Consumed.with(Serdes.String(), orders).withTimestampExtractor(eventTime)
                        .withName("orders"))
                .mapValues(v -> (SpecificRecord) v, Named.as("orders-as-events"));
        KStream<String, SpecificRecord> registrationEvents = builder
                .stream(topics.registrations(), Consumed.with(Serdes.String(), registrations).withTimestampExtractor(eventTime)
                        .withName("registrations"))
                .mapValues(v -> (SpecificRecord) v, Named.as("registrations-as-events"));

        Map<String, KStream<String, Object>> platform = sessionEvents
                .merge(orderEvents, Named.as("platform-events"))
                .merge(registrationEvents, Named.as("platform-input"))
                .process(platformScope(config), Named.as("platform-working-time"))
                .split(Named.as("platform-"))
                .branch((key, value) -> value instanceof Violation, Branched.as("violations"))
                .branch((key, value) -> value instanceof PersonSignal, Branched.as("signals"))
                .branch((key, value) -> value instanceof WorkingDay, Branched.as("days"))
                .defaultBranch(Branched.as("late"));
        platform.get("platform-violations")
                .mapValues(v -> (Violation) v, Named.as("platform-violation"))
                .processValues(OpenViolations.supplier(PLATFORM_OPEN_VIOLATIONS_STORE), Named.as("platform-open-violations"))
                .to(topics.violations(), Produced.with(Serdes.String(), violations).withName("platform-violations-out"));
        platform.get("platform-days")
                .mapValues(v -> (WorkingDay) v, Named.as("working-day"))
                .to(topics.workingDays(), Produced.with(Serdes.String(), workingDays).withName("working-days-out"));
        platform.get("platform-late")
                .mapValues(v -> (LateEvent) v, Named.as("late-event"))
                .to(topics.late(), Produced.with(Serdes.String(), AvroSerde.specific(LateEvent.class, config.registryUrl()))
                        .withName("late-out"));
        platform.get("platform-signals")
                .mapValues(v -> (PersonSignal) v, Named.as("person-signal"))
                .repartition(Repartitioned.<String, PersonSignal>as(PERSON_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(PersonSignalSerde.serde())
                        .withStreamPartitioner(new SignalPartitioner()))
                .process(personScope(config), Named.as("person-working-time"))
                .processValues(OpenViolations.supplier(PERSON_OPEN_VIOLATIONS_STORE), Named.as("person-open-violations"))
                .to(topics.violations(), Produced.with(Serdes.String(), violations).withName("person-violations-out"));
        return builder.build();
    }

    /** Watermarks to every partition (each downstream task waits for every upstream task); the rest by key. */
    static final class SignalPartitioner implements StreamPartitioner<String, PersonSignal> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, PersonSignal signal, int numPartitions) {
            if (signal.kind() == PersonSignal.Kind.WATERMARK) {
                return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
            }
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions));
        }
    }

    private static ProcessorSupplier<String, SpecificRecord, String, Object> platformScope(WorkingTimeConfig config) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, SpecificRecord, String, Object> get() {
                return new PlatformWorkingTime(config);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        // a key-value store used as a queue by time, purged by stream time: a window store opened and
                        // dropped a RocksDB segment every half retention of stream time, which dominated replays
                        keyValue(SEEN_EVENTS_STORE, Serdes.String()),
                        keyValue(PENDING_EVENTS_STORE, AvroBinarySerde.oneOf(SessionEvent.class, OrderEvent.class)),
                        keyValue(REGISTRATIONS_STORE, AvroBinarySerde.of(WorkerRegistration.class)),
                        keyValue(WORKERS_STORE, JsonSerde.of(PlatformWorker.class)),
                        keyValue(WORKER_TIMERS_STORE, Serdes.String()));
            }
        };
    }

    private static ProcessorSupplier<String, PersonSignal, String, Violation> personScope(WorkingTimeConfig config) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, PersonSignal, String, Violation> get() {
                return new PersonWorkingTime(config);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        keyValue(PERSON_PENDING_STORE, PersonSignalSerde.serde()),
                        keyValue(WATERMARKS_STORE, Serdes.Long()),
                        keyValue(PERSONS_STORE, JsonSerde.of(Person.class)),
                        keyValue(PERSON_TIMERS_STORE, Serdes.String()));
            }
        };
    }

    private static <V> StoreBuilder<?> keyValue(String name, Serde<V> values) {
        // cached: an entry written and deleted within one commit interval (a held-back event, a timer) never reaches
        // RocksDB or the changelog, and a subject updated many times is written once per commit
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values).withCachingEnabled();
    }

    /** Kafka Streams settings for a real run: exactly-once, RocksDB state under {@code stateDir}, memory bounded. */
    public static Properties streamsProperties(String bootstrapServers, String stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // a transaction a second instead of exactly-once's default of ten: each commit flushes the caches and waits for
        // the broker's acks of every changelog, repartition and output partition written; profiles showed those waits
        // as most of the topology's time. Alerts wait for the grace period (minutes of event time) anyway.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000L);
        // the record cache (Kafka's default: 10 MiB for all stores of a thread) must hold a commit interval's account
        // states, held-back events and timers: at 10,000 workers it overflowed, and its evictions wrote every entry to
        // RocksDB and the changelog one by one, which took more of the stream thread than the processing (JFR)
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 128L * 1024 * 1024);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, TASK_IDLE.toMillis());
        producerSettings(props);
        return props;
    }

    /**
     * Producer settings an exactly-once app here needs on a loaded machine (also used by the platform topology).
     * Transactions v2 begin every transaction with a new producer epoch, and a partition then accepts only sequence 0
     * first: with several requests in flight a later batch that overtook the first was refused (OutOfOrderSequence,
     * retriable; the broker logged an error each time) and sent again after a backoff growing to a second, inside the
     * commit; one request at a time never races, and each carries every partition's batch. And a transaction may stay
     * open up to a minute instead of Kafka Streams' 10 s: on two busy cores a commit of the 128 MiB record cache
     * outlasted 10 s, the broker aborted it and bumped the epoch, the thread closed its tasks, restored them and
     * processed the same records into the same long transaction again (seen at 20,000 workers in the benchmark: no
     * progress for minutes). The cost: a crashed instance's open transaction holds back read_committed readers of
     * its outputs for up to that minute, unless it restarts sooner.
     */
    public static void producerSettings(Properties props) {
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int) Duration.ofMinutes(1).toMillis());
    }

    /** {@code WorkingTimeTopology <bootstrap> <registry url> [state dir]}: runs the topology until interrupted. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: WorkingTimeTopology <bootstrap servers> <schema registry url> [state dir]");
            System.exit(2);
        }
        String stateDir = args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir") + "/gigwatch-streams";
        KafkaStreams streams = new KafkaStreams(buildTopology(WorkingTimeConfig.defaults(args[1])),
                streamsProperties(args[0], stateDir));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }));
        streams.start();
        log.info("working-time topology running against {}", args[0]);
        stopped.await();
    }

    private WorkingTimeTopology() {}
}
