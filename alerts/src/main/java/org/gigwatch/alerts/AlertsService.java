package org.gigwatch.alerts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.rules.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts service: the router ({@link RoutingTopology} in Kafka Streams) and the regulator console with its view.
 * Creates the topics it needs first. Closed in reverse: console, view, router.
 */
public final class AlertsService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertsService.class);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param stateDir      where the router keeps its RocksDB state
     * @param port          the console's port on {@code host}; 0 picks a free one
     * @param applicationId the router's Kafka Streams application.id
     */
    public record Settings(String bootstrapServers, String registryUrl, RulePack pack, Severities severities, Accounts accounts,
                           Path stateDir, String host, int port, String applicationId) {
        public static Settings of(String bootstrapServers, String registryUrl, Accounts accounts, Path stateDir) {
            return new Settings(bootstrapServers, registryUrl, RulePack.shipped("cn"), Severities.shipped("cn"), accounts, stateDir,
                    "127.0.0.1", 0, RoutingTopology.APPLICATION_ID);
        }

        public Settings withPort(String host, int port) {
            return new Settings(bootstrapServers, registryUrl, pack, severities, accounts, stateDir, host, port, applicationId);
        }

        public Settings withRules(RulePack pack, Severities severities) {
            return new Settings(bootstrapServers, registryUrl, pack, severities, accounts, stateDir, host, port, applicationId);
        }
    }

    private final KafkaStreams router;
    private final RegulatorView view;
    private final RegulatorConsole console;
    private final String host;

    private AlertsService(KafkaStreams router, RegulatorView view, RegulatorConsole console, String host) {
        this.router = router;
        this.view = view;
        this.console = console;
        this.host = host;
    }

    public static AlertsService start(Settings s) throws Exception {
        RoutingTable table = new RoutingTable(s.pack());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers()))) {
            TopicSetup.ensureAll(admin);
            int created = RoutingTopology.ensureRegulatorTopics(admin, table).size();
            log.info("{} regulator topics ({} new)", table.allTopics().size(), created);
        }
        RoutingTopology.registerRegulatorSchemas(s.registryUrl(), table);
        Files.createDirectories(s.stateDir());
        Properties props = RoutingTopology.streamsProperties(s.bootstrapServers(), s.stateDir().toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        KafkaStreams router = new KafkaStreams(RoutingTopology.buildTopology(new RoutingConfig(s.registryUrl(), s.pack())), props);
        router.start();
        RegulatorView view = null;
        try {
            view = new RegulatorView(s.bootstrapServers(), s.registryUrl(), table.allTopics());
            RegulatorConsole console = RegulatorConsole.start(s.host(), s.port(), s.accounts(), view, s.pack(), s.severities());
            return new AlertsService(router, view, console, s.host());
        } catch (Exception | Error e) {
            if (view != null) {
                view.close();
            }
            router.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
            throw e;
        }
    }

    /** The console's address, e.g. {@code http://127.0.0.1:8088/}. */
    public String consoleUrl() {
        return "http://" + host + ":" + console.port() + "/";
    }

    public KafkaStreams router() {
        return router;
    }

    public RegulatorView view() {
        return view;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            console.close();
            view.close();
        } finally {
            // leave the group, so that a restart of this single instance gets its partitions at once
            if (!router.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP))) {
                log.warn("the alert router did not close within {}", CLOSE_TIMEOUT);
            }
        }
    }
}
