package org.gigwatch.streams.replay;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How far a Streams application has read its (finite) inputs: its group's committed offsets against the end offsets
 * of its source topics. With exactly-once, offsets are committed in the transaction that writes the outputs, so
 * "every committed offset at the end" means every output of that input is written.
 *
 * <p>Topics written transactionally (a repartition topic, the working days the first app wrote) end with a
 * transaction marker the app never processes, so there the last offset counts as read.
 */
final class GroupProgress {
    /** @param waiting the partitions not read to the end yet, e.g. {@code topic-3 at 10 of 12}, for the log */
    record Status(long read, long total, boolean done, String waiting) {}

    private final Admin admin;
    private final String groupId;
    private final Collection<String> topics;
    private final Set<String> transactional;

    GroupProgress(Admin admin, String groupId, Collection<String> topics, Set<String> transactional) {
        this.admin = admin;
        this.groupId = groupId;
        this.topics = topics;
        this.transactional = transactional;
    }

    Status poll() throws InterruptedException {
        try {
            // committed first, then the ends: an upstream that was done when its offsets were read has written
            // everything the ends read afterwards show, so this never reports done too early
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            long read = 0;
            long total = 0;
            boolean done = true;
            java.util.List<String> waiting = new java.util.ArrayList<>();
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                TopicPartition p = end.getKey();
                long last = end.getValue().offset();
                OffsetAndMetadata at = committed.get(p);
                long position = at == null ? 0 : at.offset();
                int marker = transactional.contains(p.topic()) ? 1 : 0;
                if (position < last - marker) {
                    done = false;
                    waiting.add(p + " at " + position + " of " + last);
                }
                read += Math.min(position, last);
                total += last;
            }
            return new Status(read, total, done, String.join(", ", new java.util.TreeSet<>(waiting)));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return new Status(0, 0, false, "internal topics"); // the app has not created them yet
            }
            throw new IllegalStateException("cannot read the progress of " + groupId + ": " + e.getCause(), e.getCause());
        }
    }
}
