package org.gigwatch.streams.pay;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.gigwatch.avro.CategoryParameters;
import org.gigwatch.avro.HolidayCalendarEntry;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.LateEvent;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.streams.workingtime.AvroBinarySerde;
import org.gigwatch.schemas.JsonSerde;
import org.gigwatch.streams.workingtime.OccurredAtExtractor;
import org.gigwatch.streams.workingtime.StreamTopics;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;

/**
 * The pay rules (MIN_WAGE, HOLIDAY_PAY, DEPOSIT, WAGE_ARREARS, WITHHELD_PAY), platform scope, as a Kafka Streams
 * application of its own. See docs/PAY-RULES.md.
 *
 * <pre>
 * orders, payouts, registrations ─┐
 * gigwatch.worktime.days ─────────┴─ pay-rules ─┬─ violations ──> gigwatch.violations
 *   (all keyed platformId/workerId)   │         └─ late events ─> gigwatch.events.late
 * gigwatch.rules.minimum-wages, .categories, .holidays ─ global stores, looked up as of the local day
 * </pre>
 */
public final class PayTopology {
    public static final String APPLICATION_ID = "gigwatch-pay";

    public static final String MINIMUM_WAGES_STORE = "pay-minimum-wages";
    public static final String CATEGORIES_STORE = "pay-categories";
    public static final String HOLIDAYS_STORE = "pay-holidays";
    public static final String SEEN_EVENTS_STORE = "pay-seen-events";
    public static final String PENDING_ORDERS_STORE = "pay-pending-orders";
    public static final String PENDING_PAYOUTS_STORE = "pay-pending-payouts";
    public static final String ACCOUNTS_STORE = "pay-accounts";
    public static final String DAYS_STORE = "pay-days";
    public static final String TIMERS_STORE = "pay-timers";

    public static Topology buildTopology(PayConfig config) {
        return buildTopology(config, StreamTopics.LIVE);
    }

    /** The same topology over other topics (a replay's): {@code topics} names the inputs and outputs. */
    public static Topology buildTopology(PayConfig config, StreamTopics topics) {
        String registry = config.registryUrl();
        Serde<OrderEvent> orders = AvroSerde.specific(OrderEvent.class, registry);
        Serde<PayoutEvent> payouts = AvroSerde.specific(PayoutEvent.class, registry);
        Serde<Violation> violations = AvroSerde.specific(Violation.class, registry);
        TimestampExtractor occurredAt = new OccurredAtExtractor();

        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(topics.minimumWages(), Consumed.with(Serdes.String(), AvroSerde.specific(MinimumWage.class, registry))
                        .withName("minimum-wages"),
                Materialized.<String, MinimumWage, KeyValueStore<Bytes, byte[]>>as(MINIMUM_WAGES_STORE));
        builder.globalTable(topics.categories(), Consumed.with(Serdes.String(), AvroSerde.specific(CategoryParameters.class, registry))
                        .withName("categories"),
                Materialized.<String, CategoryParameters, KeyValueStore<Bytes, byte[]>>as(CATEGORIES_STORE));
        builder.globalTable(topics.holidays(), Consumed.with(Serdes.String(), AvroSerde.specific(HolidayCalendarEntry.class, registry))
                        .withName("holidays"),
                Materialized.<String, HolidayCalendarEntry, KeyValueStore<Bytes, byte[]>>as(HOLIDAYS_STORE));

        KStream<String, SpecificRecord> input = builder
                .stream(topics.orders(), Consumed.with(Serdes.String(), orders).withTimestampExtractor(occurredAt).withName("orders"))
                .mapValues(v -> (SpecificRecord) v, Named.as("orders-as-events"))
                .merge(builder.stream(topics.payouts(), Consumed.with(Serdes.String(), payouts)
                                .withTimestampExtractor(occurredAt).withName("payouts"))
                        .mapValues(v -> (SpecificRecord) v, Named.as("payouts-as-events")), Named.as("orders-and-payouts"))
                .merge(builder.stream(topics.registrations(), Consumed.with(Serdes.String(),
                                        AvroSerde.specific(WorkerRegistration.class, registry))
                                .withTimestampExtractor(occurredAt).withName("registrations"))
                        .mapValues(v -> (SpecificRecord) v, Named.as("registrations-as-events")), Named.as("with-registrations"))
                .merge(builder.stream(topics.workingDays(), Consumed.with(Serdes.String(),
                                        AvroSerde.specific(WorkingDay.class, registry))
                                .withTimestampExtractor(new DayStartExtractor()).withName("working-days"))
                        .mapValues(v -> (SpecificRecord) v, Named.as("working-days-as-events")), Named.as("pay-input"));

        Map<String, KStream<String, SpecificRecord>> out = input
                .process(payRules(config, topics), Named.as("pay-rules"))
                .split(Named.as("pay-"))
                .branch((key, value) -> value instanceof Violation, Branched.as("violations"))
                .defaultBranch(Branched.as("late"));
        out.get("pay-violations")
                .mapValues(v -> (Violation) v, Named.as("pay-violation"))
                .to(topics.violations(), Produced.with(Serdes.String(), violations).withName("pay-violations-out"));
        out.get("pay-late")
                .mapValues(v -> (LateEvent) v, Named.as("late-event"))
                .to(topics.late(), Produced.with(Serdes.String(), AvroSerde.specific(LateEvent.class, config.registryUrl()))
                        .withName("late-out"));
        return builder.build();
    }

    private static ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> payRules(PayConfig config, StreamTopics topics) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, SpecificRecord, String, SpecificRecord> get() {
                return new PayRules(config, topics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN_EVENTS_STORE, config.dedupeRetention(),
                                Duration.ofMillis(1), false), Serdes.String(), Serdes.Long()),
                        keyValue(PENDING_ORDERS_STORE, AvroBinarySerde.of(OrderEvent.class)),
                        keyValue(PENDING_PAYOUTS_STORE, AvroBinarySerde.of(PayoutEvent.class)),
                        keyValue(ACCOUNTS_STORE, JsonSerde.of(PayAccount.class)),
                        keyValue(DAYS_STORE, JsonSerde.of(PayDay.class)),
                        keyValue(TIMERS_STORE, Serdes.String()));
            }
        };
    }

    private static <V> StoreBuilder<?> keyValue(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }

    /** Kafka Streams settings for a real run: the working-time app's (exactly-once, bounded RocksDB), own id. */
    public static Properties streamsProperties(String bootstrapServers, String stateDir) {
        Properties props = WorkingTimeTopology.streamsProperties(bootstrapServers, stateDir);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        return props;
    }

    private PayTopology() {}
}
