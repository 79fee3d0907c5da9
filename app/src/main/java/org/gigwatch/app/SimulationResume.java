package org.gigwatch.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a demo on kept data must start simulating: the local day after the newest event already on the topics.
 * Starting earlier would replay days the streams app has already passed, and every event would then be late (kept
 * on the late topic, but judged by no rule), so a second demo run would show no violations at all.
 */
final class SimulationResume {
    private SimulationResume() {}

    /** The newest record timestamp on the topics (records are stamped with occurredAt), if they hold any record. */
    static Optional<Instant> newestEventTime(Admin admin, List<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.maxTimestamp())));
        Map<TopicPartition, ListOffsetsResultInfo> newest = admin.listOffsets(request).all().get();
        return newest.values().stream()
                .filter(info -> info.offset() >= 0) // an empty partition answers offset -1
                .map(ListOffsetsResultInfo::timestamp)
                .max(Long::compare)
                .map(Instant::ofEpochMilli);
    }

    /** The first local day in {@code zone} with no event yet: the day after the newest one, or empty if none. */
    static Optional<LocalDate> firstFreeDay(Admin admin, List<String> topics, ZoneId zone)
            throws ExecutionException, InterruptedException {
        return newestEventTime(admin, topics).map(t -> LocalDate.ofInstant(t, zone).plusDays(1));
    }
}
