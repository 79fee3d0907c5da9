package org.gigwatch.app;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.gigwatch.schemas.TopicSetup;
import picocli.CommandLine.Option;

/** Where the Kafka cluster and its schema registry are, for the commands that join an existing cluster. */
final class ClusterOptions {
    @Option(names = "--bootstrap", defaultValue = "${env:GIGWATCH_BOOTSTRAP:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}; env GIGWATCH_BOOTSTRAP).")
    String bootstrap;

    @Option(names = "--registry", defaultValue = "${env:GIGWATCH_SCHEMA_REGISTRY:-http://127.0.0.1:8081/apis/ccompat/v7}",
            description = "Schema registry URL, Confluent API (default: ${DEFAULT-VALUE}; env GIGWATCH_SCHEMA_REGISTRY).")
    String registry;

    /** Creates gigwatch's missing topics; returns the names created. */
    List<String> ensureTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return TopicSetup.ensureAll(admin);
        }
    }
}
