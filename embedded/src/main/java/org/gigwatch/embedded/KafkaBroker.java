package org.gigwatch.embedded;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.FaultHandlerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.ServerSocketFactory;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in this JVM: KRaft combined mode (broker and controller in one node).
 *
 * <p>It is assembled from Kafka's own server classes exactly as {@code kafka.server.KafkaRaftServer} assembles
 * them (shared server, controller, broker), with two differences that matter for a broker embedded in
 * somebody else's JVM: both listeners are bound to loopback <em>before</em> Kafka starts, so port 0 is
 * race-free and the controller port is known for the static quorum, and a fatal fault is logged instead of
 * halting the whole JVM.
 *
 * <p>The data dir belongs to the broker. It is formatted on first use; afterwards its {@code meta.properties}
 * keeps the cluster id, so a restart on the same dir keeps topics, records and committed offsets.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String LOOPBACK = "127.0.0.1";
    private static final int MIB = 1024 * 1024;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final PreboundSockets sockets;
    private final ControllerServer controller;
    private final BrokerServer broker;
    private boolean closed;

    private KafkaBroker(String bootstrapServers, PreboundSockets sockets, ControllerServer controller, BrokerServer broker) {
        this.bootstrapServers = bootstrapServers;
        this.sockets = sockets;
        this.controller = controller;
        this.broker = broker;
    }

    /**
     * Starts a broker on {@code dataDir} (formatting it if it is not formatted yet) and returns once it serves
     * metadata requests.
     *
     * @param port the client listener's loopback port; 0 picks a free one
     */
    public static KafkaBroker start(Path dataDir, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        KafkaLogging.quietServerLoggers();
        long startNanos = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        PreboundSockets sockets = new PreboundSockets();
        KafkaBroker started = null;
        try {
            Files.createDirectories(dir);
            int brokerPort = sockets.bind(BROKER_LISTENER, port);
            int controllerPort = sockets.bind(CONTROLLER_LISTENER, 0);
            KafkaConfig config = KafkaConfig.fromProps(serverProperties(dir, brokerPort, controllerPort));

            boolean format = !Files.exists(dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
            if (format) {
                format(dir);
            }
            started = assemble(config, sockets, LOOPBACK + ":" + brokerPort);
            started.controller.startup();
            // returns once the controller has unfenced the broker (see BrokerServer.startup)
            started.broker.startup();
            awaitReady(started.bootstrapServers);
            log.info("Kafka {} broker ready at {} in {} ms ({}, data dir {})", AppInfoParser.getVersion(),
                started.bootstrapServers, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                format ? "storage formatted" : "existing storage", dir);
            return started;
        } catch (Throwable e) {
            if (started != null) {
                started.close();
            } else {
                sockets.close();
            }
            if (e instanceof Error error) {
                throw error;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka broker on " + dir + " did not start: " + e.getMessage(), e);
        }
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Shuts the broker down cleanly (controlled shutdown, logs flushed) and waits until it has stopped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        // broker first, as KafkaRaftServer does: its controlled shutdown needs the controller
        broker.shutdown();
        controller.shutdown();
        broker.awaitShutdown();
        controller.awaitShutdown();
        sockets.close();
        log.info("Kafka broker at {} stopped in {} ms", bootstrapServers,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers + "]";
    }

    private static Properties serverProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // a static quorum: the controller's address is configuration, not metadata, so a restart may pick a new port
        p.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        p.put("listeners", BROKER_LISTENER + "://" + LOOPBACK + ":" + brokerPort + ","
            + CONTROLLER_LISTENER + "://" + LOOPBACK + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + LOOPBACK + ":" + brokerPort);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("log.dirs", dir.toString());

        // one node: every internal topic has one replica, and topics exist only when somebody creates them
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions per internal topic (the default) make the first group or transaction slow to set up
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "5");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0"); // the same for Streams' own group protocol

        // records carry event time, and this broker serves simulations: a live one runs its clock ahead of the
        // wall clock (the broker refuses timestamps over 1 h ahead by default), a history one is stamped in the
        // past (time-based retention would delete it as soon as a segment rolls)
        p.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
        p.put("log.retention.ms", "-1");

        // small files and buffers: the defaults (1 GiB / 100 MiB segments, a 128 MiB cleaner buffer) suit a server
        p.put("log.segment.bytes", String.valueOf(8 * MIB));
        p.put("offsets.topic.segment.bytes", String.valueOf(8 * MIB));
        p.put("transaction.state.log.segment.bytes", String.valueOf(8 * MIB));
        p.put("share.coordinator.state.topic.segment.bytes", String.valueOf(8 * MIB));
        p.put("metadata.log.segment.bytes", String.valueOf(8 * MIB)); // the minimum Kafka allows
        p.put("log.index.size.max.bytes", String.valueOf(MIB));
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * MIB)); // compaction (offsets, changelogs) stays on
        p.put("num.recovery.threads.per.data.dir", "1");
        // fail instead of hanging if the node never gets unfenced
        p.put("server.max.startup.time.ms", String.valueOf(READY_TIMEOUT.toMillis()));
        return p;
    }

    private static void format(Path dir) throws Exception {
        new Formatter()
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .setNodeId(NODE_ID)
            .setClusterId(Uuid.randomUuid().toString())
            .setControllerListenerName(CONTROLLER_LISTENER)
            .addDirectory(dir.toString())
            .setMetadataLogDirectory(dir.toString())
            .run();
    }

    /** The same wiring as KafkaRaftServer's constructor, with our socket and fault-handler factories. */
    private static KafkaBroker assemble(KafkaConfig config, PreboundSockets sockets, String bootstrapServers) {
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> dirs =
            KafkaRaftServer.initializeLogDirs(config, log, "[embedded] ");
        MetaPropertiesEnsemble metaProperties = dirs._1();
        Metrics metrics = Server.initializeMetrics(config, Time.SYSTEM, metaProperties.clusterId().get());
        // Kafka's own factory halts the JVM on a fatal fault; here that JVM is a test run or the app
        FaultHandlerFactory faults = (name, fatal, action) -> new LoggingFaultHandler(name, action);
        QuorumConfig quorum = config.quorumConfig();
        SharedServer shared = new SharedServer(config, metaProperties, Time.SYSTEM, metrics,
            CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(quorum.voters())),
            QuorumConfig.parseBootstrapServers(quorum.bootstrapServers()), faults, sockets);
        ControllerServer controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), dirs._2());
        return new KafkaBroker(bootstrapServers, sockets, controller, new BrokerServer(shared));
    }

    /** Ready means: a client sees this node in the cluster and gets an answer to a metadata request. */
    private static void awaitReady(String bootstrapServers) throws Exception {
        long timeoutMs = READY_TIMEOUT.toMillis();
        Map<String, Object> props = Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.CLIENT_ID_CONFIG, "gigwatch-embedded-ready-check",
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        try (Admin admin = Admin.create(props)) {
            DescribeClusterResult cluster = admin.describeCluster();
            List<Integer> nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).stream().map(Node::id).toList();
            if (!nodes.contains(NODE_ID)) {
                throw new IllegalStateException("node " + NODE_ID + " missing from the cluster's nodes " + nodes);
            }
            admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Listener sockets bound before Kafka starts. Kafka asks its socket factory for each listener's socket and
     * gets the one bound here; so the ports are known up front and nobody can take them in between.
     */
    private static final class PreboundSockets implements ServerSocketFactory, AutoCloseable {
        private final Map<String, ServerSocketChannel> unclaimed = new ConcurrentHashMap<>();

        int bind(String listener, int port) throws IOException {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.configureBlocking(false);
                // a restart on a fixed port must not trip over the previous run's TIME_WAIT connections
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 50);
            } catch (IOException e) {
                channel.close();
                throw new IOException("cannot bind the " + listener + " listener to " + LOOPBACK + ":" + port
                    + ": " + e.getMessage(), e);
            }
            unclaimed.put(listener, channel);
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        @Override
        public ServerSocketChannel openServerSocket(String listenerName, InetSocketAddress address,
                                                    int listenBacklogSize, int recvBufferSize) throws IOException {
            ServerSocketChannel channel = unclaimed.remove(listenerName);
            return channel != null
                ? channel
                : ServerSocketFactory.INSTANCE.openServerSocket(listenerName, address, listenBacklogSize, recvBufferSize);
        }

        /** Closes sockets Kafka never claimed (a failed start); claimed ones are closed by Kafka's socket server. */
        @Override
        public void close() {
            unclaimed.values().forEach(channel -> {
                try {
                    channel.close();
                } catch (IOException e) {
                    log.warn("could not close an unused listener socket", e);
                }
            });
            unclaimed.clear();
        }
    }
}
