package org.gigwatch.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The Kafka every integration test runs against: Testcontainers' Kafka where a Docker engine runs, the
 * in-process {@link KafkaBroker} otherwise. System property {@value #BACKEND_PROPERTY}
 * ({@code embedded} or {@code testcontainers}) forces one; {@value #IMAGE_PROPERTY} picks the image.
 *
 * <pre>{@code
 * @RegisterExtension
 * static KafkaFixture kafka = KafkaFixture.perClass();   // static: started before the class, stopped after it
 * }</pre>
 *
 * Outside JUnit: {@code try (KafkaFixture kafka = KafkaFixture.perClass().start()) { ... }}.
 */
public final class KafkaFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    public enum Backend { EMBEDDED, TESTCONTAINERS }

    public static final String BACKEND_PROPERTY = "gigwatch.kafka.backend";
    public static final String IMAGE_PROPERTY = "gigwatch.kafka.image";
    public static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

    private static final Logger log = LoggerFactory.getLogger(KafkaFixture.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Backend backend;
    private AutoCloseable server;
    private Path dataDir;
    private Admin admin;
    private String bootstrapServers;
    private String owner; // the test class that started it: @Nested classes must not stop it

    private KafkaFixture() {
    }

    public static KafkaFixture perClass() {
        return new KafkaFixture();
    }

    /** Starts the backend and checks it answers; does nothing if already started. */
    public synchronized KafkaFixture start() {
        if (server != null) {
            return this;
        }
        long startNanos = System.nanoTime();
        backend = chooseBackend();
        try {
            Running running;
            if (backend == Backend.TESTCONTAINERS) {
                running = Containers.start(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
            } else {
                dataDir = Files.createTempDirectory("gigwatch-kafka-");
                KafkaBroker broker = KafkaBroker.start(dataDir, 0);
                running = new Running(broker.bootstrapServers(), broker);
            }
            server = running.server();
            bootstrapServers = running.bootstrapServers();
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
            if (admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty()) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " reports no nodes");
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Kafka (" + backend + ") did not start: " + e.getMessage(), e);
        }
        log.info("Kafka fixture ({}) ready at {} in {} ms", backend, bootstrapServers,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return this;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (owner == null) {
            owner = context.getUniqueId();
            start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            owner = null;
            close();
        }
    }

    public Backend backend() {
        return backend;
    }

    public String bootstrapServers() {
        return requireStarted(bootstrapServers);
    }

    /** An admin client for the fixture's lifetime; do not close it. */
    public Admin admin() {
        return requireStarted(admin);
    }

    /** Creates single-partition topics (existing ones are fine) and returns once every partition has a leader. */
    public void createTopics(String... topics) {
        createTopics(Arrays.stream(topics)
            .map(topic -> new NewTopic(topic, Optional.of(1), Optional.empty()))
            .toArray(NewTopic[]::new));
    }

    /** Creates the topics (existing ones are fine) and returns once every partition has a leader. */
    public void createTopics(NewTopic... topics) {
        List<String> names = Stream.of(topics).map(NewTopic::name).toList();
        try {
            for (KafkaFuture<Void> creation : admin().createTopics(List.of(topics)).values().values()) {
                try {
                    creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topics " + names, e.getCause());
                    }
                }
            }
            awaitLeaders(names);
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topics " + names + " took longer than " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + names, e);
        }
    }

    public Map<String, Object> producerProps() {
        return KafkaClients.producerProps(bootstrapServers());
    }

    public Map<String, Object> consumerProps(String groupId) {
        return KafkaClients.consumerProps(bootstrapServers(), groupId);
    }

    /** Stops the backend and deletes the embedded broker's data; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Kafka ({}) did not stop cleanly", backend, e);
            }
            server = null;
        }
        if (dataDir != null) {
            deleteRecursively(dataDir);
            dataDir = null;
        }
        bootstrapServers = null;
    }

    /** The broker's metadata may trail the controller's answer to CreateTopics by a moment. */
    private void awaitLeaders(List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (described.values().stream().flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topics " + names, e.getCause());
                }
            } catch (TimeoutException e) {
                // try again until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leader after " + TIMEOUT);
            }
            TimeUnit.MILLISECONDS.sleep(50); // back-off between metadata checks, not a guess at timing
        }
    }

    private <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("the Kafka fixture is not started: register it with a static"
                + " @RegisterExtension field or call start()");
        }
        return value;
    }

    private static Backend chooseBackend() {
        String forced = System.getProperty(BACKEND_PROPERTY, "").trim();
        if (!forced.isEmpty()) {
            try {
                return Backend.valueOf(forced.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(BACKEND_PROPERTY + " must be embedded or testcontainers, was "
                    + forced, e);
            }
        }
        try {
            return Containers.dockerAvailable() ? Backend.TESTCONTAINERS : Backend.EMBEDDED;
        } catch (NoClassDefFoundError e) {
            log.info("Testcontainers is not on the test classpath; using the embedded broker");
            return Backend.EMBEDDED;
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private record Running(String bootstrapServers, AutoCloseable server) {
    }

    /** Kept apart so that Testcontainers is loaded only when it is used. */
    private static final class Containers {
        static boolean dockerAvailable() {
            return DockerClientFactory.instance().isDockerAvailable();
        }

        static Running start(String image) {
            // the same rules as the embedded broker: topics exist only when created; simulated event times are kept
            KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS", String.valueOf(Long.MAX_VALUE))
                .withEnv("KAFKA_LOG_RETENTION_MS", "-1");
            container.start();
            return new Running(container.getBootstrapServers(), container::stop);
        }
    }
}
