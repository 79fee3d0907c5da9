package org.gigwatch.streams.workingtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;

/**
 * Keeps the open violations of one scope, for the interactive queries; every violation passes through unchanged.
 * Key {@code <workerKey>|<alertId>}, so a worker's open violations are one range scan ({@link #range}).
 *
 * <p>Open means: reported and not over yet. A violation is over once its window is over and the worker has rested:
 * for REST_BREAK that is its UPDATED (sent when the qualifying rest is complete); any RESOLVED ends a violation too.
 * A rule judged only after its window (DAILY_HOURS: at the end of the local day) has no such message: its violation
 * stays open for {@link #JUDGED_AFTER_THE_WINDOW_KEPT} of stream time after its window (the worker's next day), then
 * leaves, found by a sweep every {@link #SWEEP_INTERVAL} of stream time. So the store holds only what is open.
 */
final class OpenViolations implements FixedKeyProcessor<String, Violation, Violation> {
    static final Duration JUDGED_AFTER_THE_WINDOW_KEPT = Duration.ofDays(1);
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);
    /** Rules that report the end of a violation (UPDATED when the rest came): theirs stay open until then. */
    private static final Set<String> END_REPORTED = Set.of(RestBreakRule.ID);

    private final String storeName;
    private FixedKeyProcessorContext<String, Violation> context;
    private KeyValueStore<String, Violation> open;

    private OpenViolations(String storeName) {
        this.storeName = storeName;
    }

    static FixedKeyProcessorSupplier<String, Violation, Violation> supplier(String storeName) {
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, Violation, Violation> get() {
                return new OpenViolations(storeName);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(),
                        AvroBinarySerde.of(Violation.class)));
            }
        };
    }

    /** The key range of one worker's open violations (alert ids are UUIDs: hex digits and dashes, all below '~'). */
    static String[] range(String workerKey) {
        return new String[] {workerKey + "|", workerKey + "|~"};
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Violation> context) {
        this.context = context;
        this.open = context.getStateStore(storeName);
        context.schedule(SWEEP_INTERVAL, PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(FixedKeyRecord<String, Violation> record) {
        Violation v = record.value();
        String key = v.getWorkerKey() + "|" + v.getAlertId();
        boolean over = v.getStatus() == ViolationStatus.RESOLVED
                || v.getStatus() == ViolationStatus.UPDATED && END_REPORTED.contains(v.getRuleId());
        if (over) {
            open.delete(key);
        } else {
            open.put(key, v);
        }
        context.forward(record);
    }

    /** Violations judged after their window leave a day after it. */
    private void sweep(long streamTime) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Violation> all = open.all()) {
            while (all.hasNext()) {
                KeyValue<String, Violation> entry = all.next();
                Violation v = entry.value;
                if (!END_REPORTED.contains(v.getRuleId())
                        && v.getWindowEnd().toEpochMilli() + JUDGED_AFTER_THE_WINDOW_KEPT.toMillis() <= streamTime) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(open::delete);
    }
}
