package org.gigwatch.streams.workingtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.rules.RulePack;

/**
 * Interactive queries (IQv2) on the working-time topology's stores: a {@link WorkingTimeReport} by key, a platform
 * account ({@code platformId/workerId}, it has a slash) or a person ({@code workerKey}).
 *
 * <p>Single instance: the key's partition is located with {@code queryMetadataForKey} and only keys whose active
 * task is on this instance ({@code self}, its {@code application.server}) are answered. Several instances would each
 * set {@code application.server} to their own HTTP address and forward a request to the key's active host.
 */
public final class WorkingTimeQueries {
    /** The query cannot be answered now (not running, rebalancing, or the key is served elsewhere): retry later. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final WorkingTimeReports reports;

    public WorkingTimeQueries(KafkaStreams streams, HostInfo self, RulePack pack) {
        this.streams = streams;
        this.self = self;
        this.reports = new WorkingTimeReports(pack);
    }

    /** The report for a key; empty if the topology does not know it. */
    public Optional<WorkingTimeReport> report(String key) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new Unavailable("the streams app is " + state + ", not RUNNING");
        }
        if (key.contains("/")) {
            int partition = partition(WorkingTimeTopology.WORKERS_STORE, key);
            PlatformWorker worker = get(WorkingTimeTopology.WORKERS_STORE, key, partition);
            WorkerRegistration registration = get(WorkingTimeTopology.REGISTRATIONS_STORE, key, partition);
            return reports.platform(key, worker, registration,
                    open(WorkingTimeTopology.PLATFORM_OPEN_VIOLATIONS_STORE, key, partition));
        }
        int partition = partition(WorkingTimeTopology.PERSONS_STORE, key);
        Person person = get(WorkingTimeTopology.PERSONS_STORE, key, partition);
        return reports.person(key, person, open(WorkingTimeTopology.PERSON_OPEN_VIOLATIONS_STORE, key, partition));
    }

    /** The key's partition, if its active task is here. */
    private int partition(String store, String key) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new Unavailable("no metadata for the key yet (rebalancing)");
        }
        if (!self.equals(metadata.activeHost())) {
            throw new Unavailable("the key is served by " + metadata.activeHost() + ", not by this instance " + self);
        }
        return metadata.partition();
    }

    private <V> V get(String store, String key, int partition) {
        return result(store, KeyQuery.<String, V>withKey(key), partition).getResult();
    }

    private List<Violation> open(String store, String key, int partition) {
        String[] range = OpenViolations.range(key);
        List<Violation> open = new ArrayList<>();
        try (KeyValueIterator<String, Violation> it = result(store, RangeQuery.<String, Violation>withRange(range[0], range[1]),
                partition).getResult()) {
            it.forEachRemaining(entry -> open.add(entry.value));
        }
        return open;
    }

    private <R> QueryResult<R> result(String store, Query<R> query, int partition) {
        StateQueryRequest<R> request = StateQueryRequest.inStore(store).withQuery(query)
                .withPartitions(Set.of(partition)).requireActive();
        QueryResult<R> result = streams.query(request).getPartitionResults().get(partition);
        if (result == null || result.isFailure()) {
            throw new Unavailable(result == null ? "no answer from partition " + partition + " of " + store
                    : result.getFailureReason() + ": " + result.getFailureMessage());
        }
        return result;
    }
}
