package org.gigwatch.streams.workingtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.rules.RulePack;

/**
 * Interactive queries (IQv2) on the working-time topology's stores: a {@link WorkingTimeReport} by key, a platform
 * account ({@code platformId/workerId}, it has a slash) or a person ({@code workerKey}). Single instance: only keys
 * whose active task is here are answered (see {@link ActiveStores}).
 */
public final class WorkingTimeQueries {
    private final ActiveStores stores;
    private final WorkingTimeReports reports;

    public WorkingTimeQueries(KafkaStreams streams, HostInfo self, RulePack pack) {
        this.stores = new ActiveStores(streams, self);
        this.reports = new WorkingTimeReports(pack);
    }

    /** The report for a key; empty if the topology does not know it. */
    public Optional<WorkingTimeReport> report(String key) {
        if (key.contains("/")) {
            int partition = stores.partition(WorkingTimeTopology.WORKERS_STORE, key);
            PlatformWorker worker = get(WorkingTimeTopology.WORKERS_STORE, key, partition);
            WorkerRegistration registration = get(WorkingTimeTopology.REGISTRATIONS_STORE, key, partition);
            return reports.platform(key, worker, registration,
                    open(WorkingTimeTopology.PLATFORM_OPEN_VIOLATIONS_STORE, key, partition));
        }
        int partition = stores.partition(WorkingTimeTopology.PERSONS_STORE, key);
        Person person = get(WorkingTimeTopology.PERSONS_STORE, key, partition);
        return reports.person(key, person, open(WorkingTimeTopology.PERSON_OPEN_VIOLATIONS_STORE, key, partition));
    }

    private <V> V get(String store, String key, int partition) {
        return stores.query(store, KeyQuery.<String, V>withKey(key), partition);
    }

    private List<Violation> open(String store, String key, int partition) {
        String[] range = OpenViolations.range(key);
        List<Violation> open = new ArrayList<>();
        try (KeyValueIterator<String, Violation> it = stores.query(store,
                RangeQuery.<String, Violation>withRange(range[0], range[1]), partition)) {
            it.forEachRemaining(entry -> open.add(entry.value));
        }
        return open;
    }
}
