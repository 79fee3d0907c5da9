package org.gigwatch.streams.workingtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.gigwatch.schemas.JsonSerde;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cross-platform scope merges its upstream tasks by watermark: a person's platforms live in different tasks, which
 * run at different speeds, so their transitions arrive unaligned; they must be applied in event-time order anyway.
 */
class PersonWorkingTimeTest {
    private static final String PERSON = "person-1";
    private static final Duration RETENTION = Duration.ofDays(35);
    private static final long DAY = 86_400_000L;

    private final MockProcessorContext<String, Violation> context = new MockProcessorContext<>(props());
    private PersonWorkingTime processor;
    private long offset;

    private static Properties props() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "person-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }

    @BeforeEach
    void init() {
        store(WorkingTimeTopology.PERSON_PENDING_STORE, JsonSerde.of(PersonSignal.class));
        store(WorkingTimeTopology.WATERMARKS_STORE, Serdes.Long());
        store(WorkingTimeTopology.PERSONS_STORE, JsonSerde.of(Person.class));
        store(WorkingTimeTopology.PERSON_TIMERS_STORE, Serdes.String());
        processor = new PersonWorkingTime(WorkingTimeConfig.defaults("mock://person-test").withUpstreamPartitions(2)
                .withPersonRetention(RETENTION));
        processor.init(context);
    }

    private <V> void store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private static long at(String localTime) {
        return Instant.parse("2025-09-29T" + localTime + ":00+08:00").toEpochMilli();
    }

    private void receive(PersonSignal signal) {
        context.setRecordMetadata("person-activity-repartition", 0, offset++);
        String key = signal.workerKey() == null ? WorkingTimeTopology.WATERMARK_KEY : signal.workerKey();
        processor.process(new Record<>(key, signal, signal.at()));
    }

    private void registered(String platform, int source) {
        receive(new PersonSignal(PersonSignal.Kind.REGISTERED, PERSON, platform, "INDEPENDENT", "310000", 0, "reg", source));
    }

    private void transition(PersonSignal.Kind kind, String platform, String localTime, int source) {
        receive(new PersonSignal(kind, PERSON, platform, "INDEPENDENT", "310000", at(localTime),
                platform + "-" + kind + "-" + localTime, source));
    }

    private List<Violation> alerts() {
        return context.forwarded().stream().map(f -> (Violation) f.record().value()).toList();
    }

    @Test
    void aWatermarkFromATaskBeyondUpstreamPartitionsIsAnError() {
        receive(PersonSignal.watermark(1, at("09:00")));
        assertThatThrownBy(() -> receive(PersonSignal.watermark(2, at("09:00"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("upstream task 2").hasMessageContaining("upstreamPartitions is 2");
    }

    @Test
    void transitionsFromUnalignedUpstreamTasksAreAppliedInEventTimeOrder() {
        registered("swiftmeal", 0);
        registered("dashbite", 1);
        // task 0 runs ahead: swiftmeal 08:00-11:00, and it has released everything up to 14:00
        transition(PersonSignal.Kind.ONLINE, "swiftmeal", "08:00", 0);
        transition(PersonSignal.Kind.OFFLINE, "swiftmeal", "11:00", 0);
        receive(PersonSignal.watermark(0, at("14:00")));
        assertThat(alerts()).as("task 1 has not reported: nothing can be judged yet").isEmpty();

        // task 1 catches up: dashbite 10:30-13:00, overlapping; together 08:00-13:00 without a rest
        transition(PersonSignal.Kind.ONLINE, "dashbite", "10:30", 1);
        transition(PersonSignal.Kind.OFFLINE, "dashbite", "13:00", 1);
        receive(PersonSignal.watermark(1, at("12:00")));
        assertThat(alerts()).as("merged up to 12:00: exactly 240 minutes, not over").isEmpty();

        receive(PersonSignal.watermark(1, at("14:00")));
        List<Violation> alerts = alerts();
        assertThat(alerts).extracting(Violation::getStatus).containsExactly(ViolationStatus.OPEN, ViolationStatus.UPDATED);
        assertThat(alerts).extracting(Violation::getWindowStart).containsOnly(Instant.ofEpochMilli(at("08:00")));
        assertThat(alerts.get(1).getWindowEnd()).isEqualTo(Instant.ofEpochMilli(at("13:00")));
        assertThat(alerts.get(1).getMeasured()).isEqualTo(300 * 60);
        assertThat(alerts.get(1).getEvidenceEventIds())
                .containsExactly("swiftmeal-ONLINE-08:00", "dashbite-OFFLINE-13:00");
    }

    @Test
    void aPersonRegisteredWithOnePlatformIsLeftToThePlatformScope() {
        registered("swiftmeal", 0);
        transition(PersonSignal.Kind.ONLINE, "swiftmeal", "08:00", 0);
        transition(PersonSignal.Kind.OFFLINE, "swiftmeal", "13:00", 0);
        receive(PersonSignal.watermark(0, at("14:00")));
        receive(PersonSignal.watermark(1, at("14:00")));

        assertThat(alerts()).isEmpty();
    }

    @Test
    void aPersonIsForgottenWhenNoAccountHasShownASignForTheRetentionPeriod() {
        registered("swiftmeal", 0);
        registered("dashbite", 1);
        transition(PersonSignal.Kind.ONLINE, "swiftmeal", "08:00", 0);
        transition(PersonSignal.Kind.OFFLINE, "swiftmeal", "09:00", 0);
        // 30 days later, the other account: the retention counts from this last sign
        receive(new PersonSignal(PersonSignal.Kind.ONLINE, PERSON, "dashbite", "INDEPENDENT", "310000", at("08:00") + 30 * DAY,
                "back-in", 1));
        receive(new PersonSignal(PersonSignal.Kind.OFFLINE, PERSON, "dashbite", "INDEPENDENT", "310000", at("09:00") + 30 * DAY,
                "back-out", 1));
        long expiry = at("09:00") + 30 * DAY + RETENTION.toMillis();

        watermarks(at("09:00") + RETENTION.toMillis() + DAY);
        assertThat(persons().get(PERSON)).as("35 days after the first account's last sign: kept").isNotNull();
        watermarks(expiry - 60_000);
        assertThat(persons().get(PERSON).registered).containsExactly("dashbite", "swiftmeal");

        watermarks(expiry);
        assertThat(persons().get(PERSON)).as("35 days after the last sign of any account: gone").isNull();
        KeyValueStore<String, String> timers = context.getStateStore(WorkingTimeTopology.PERSON_TIMERS_STORE);
        assertThat(timers.approximateNumEntries()).isZero();
    }

    @Test
    void aPersonWithWorkInProgressIsNotForgotten() {
        registered("swiftmeal", 0);
        registered("dashbite", 1);
        transition(PersonSignal.Kind.ONLINE, "swiftmeal", "08:00", 0);   // and never offline
        watermarks(at("08:00") + RETENTION.toMillis() + DAY);

        assertThat(persons().get(PERSON)).isNotNull();
        assertThat(persons().get(PERSON).online).containsExactly("swiftmeal");
    }

    private void watermarks(long at) {
        receive(PersonSignal.watermark(0, at));
        receive(PersonSignal.watermark(1, at));
    }

    private KeyValueStore<String, Person> persons() {
        return context.getStateStore(WorkingTimeTopology.PERSONS_STORE);
    }
}
