package org.gigwatch.schemas;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates gigwatch's topics where they are missing, with their partition counts and cleanup policies. */
public final class TopicSetup {

    /** Creates the missing ones among {@code specs}; existing topics are left as they are. Returns the names created. */
    public static List<String> ensure(Admin admin, List<Topics.Spec> specs) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = specs.stream()
                    .filter(s -> !existing.contains(s.name()))
                    .map(TopicSetup::newTopic)
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    // another instance may have created them in between: that is the state we want
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    public static List<String> ensureAll(Admin admin) {
        return ensure(admin, Topics.ALL);
    }

    private static NewTopic newTopic(Topics.Spec spec) {
        // replication: the broker's default (1 on the embedded broker, 3 in the compose deployment)
        NewTopic topic = new NewTopic(spec.name(), java.util.Optional.of(spec.partitions()), java.util.Optional.empty());
        return spec.compacted()
                ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                : topic;
    }

    private TopicSetup() {}
}
