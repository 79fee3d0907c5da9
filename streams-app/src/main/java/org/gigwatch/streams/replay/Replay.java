package org.gigwatch.streams.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.gigwatch.avro.LateEvent;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.registry.AvroSerializer;
import org.gigwatch.schemas.rules.RulePublisher;
import org.gigwatch.streams.pay.PayConfig;
import org.gigwatch.streams.pay.PayTopology;
import org.gigwatch.streams.workingtime.StreamClock;
import org.gigwatch.streams.workingtime.StreamTopics;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;

/**
 * Runs one replay (docs/REPLAY.md): creates the run's topics, publishes what-if rule data to its own rule topics,
 * copies the range of the live event topics ({@link RangeSlice}), ticks the copy's clock past the range's end, then
 * runs the working-time topology and, once it has read all its input, the pay topology over the copy, each under a
 * fresh application id, each until it has read everything; then reads what they wrote. The live topics are only
 * read; the live applications' groups, state and outputs are not touched.
 */
public final class Replay {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Replay.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String registryUrl;
    private final Path stateDir;
    private final int threads;
    private final ReplayProgress progress;

    /**
     * @param stateDir where the replay apps keep their (throwaway) state; each run gets its own folder, removed at the end
     * @param threads  stream threads per app: any number gives the same violations
     */
    public Replay(String bootstrapServers, String registryUrl, Path stateDir, int threads, ReplayProgress progress) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.stateDir = stateDir;
        this.threads = threads;
        this.progress = progress;
    }

    public ReplayResult run(ReplayRequest request) throws InterruptedException {
        long began = System.nanoTime();
        StreamTopics topics = request.topics();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            createTopics(admin, request);
            if (request.whatIf()) {
                try (KafkaProducer<String, SpecificRecord> producer = ruleProducer()) {
                    RulePublisher.publishRuleData(request.pack(), producer, topics.minimumWages(), topics.holidays(), topics.categories());
                }
            }
            long copied = new RangeSlice(bootstrapServers, registryUrl, progress).copy(request);
            tickPastTheEnd(request);

            WorkingTimeConfig workingTime = WorkingTimeConfig.defaults(registryUrl).withRules(request.pack());
            runToTheEnd(admin, ReplayProgress.WORKING_TIME, WorkingTimeTopology.buildTopology(workingTime, topics),
                    WorkingTimeTopology.streamsProperties(bootstrapServers, dir(request, "working-time")),
                    request.workingTimeApplicationId(), Set.of());
            PayConfig pay = PayConfig.defaults(registryUrl).withRules(request.pack());
            runToTheEnd(admin, ReplayProgress.PAY, PayTopology.buildTopology(pay, topics),
                    PayTopology.streamsProperties(bootstrapServers, dir(request, "pay")),
                    request.payApplicationId(), Set.of(topics.workingDays()));

            TopicReader reader = new TopicReader(bootstrapServers);
            List<Violation> violations = reader.readAll(topics.violations(), AvroSerde.specific(Violation.class, registryUrl));
            List<WorkingDay> days = reader.readAll(topics.workingDays(), AvroSerde.specific(WorkingDay.class, registryUrl));
            List<LateEvent> late = reader.readAll(topics.late(), AvroSerde.specific(LateEvent.class, registryUrl));
            DayPay dayPay = new DayPay(request.pack());
            reader.readAll(topics.orders(), AvroSerde.specific(OrderEvent.class, registryUrl)).forEach(dayPay::add);
            return new ReplayResult(request, copied, violations, days, late, dayPay, Duration.ofNanos(System.nanoTime() - began));
        }
    }

    private void createTopics(Admin admin, ReplayRequest request) throws InterruptedException {
        StreamTopics topics = request.topics();
        int partitions = Topics.WORKER_PARTITIONS;
        try {
            partitions = admin.describeTopics(List.of(Topics.SESSIONS)).allTopicNames().get().get(Topics.SESSIONS).partitions().size();
            if (admin.listTopics().names().get().contains(topics.violations())) {
                throw new IllegalArgumentException("run: a replay named '" + request.run() + "' exists already ("
                        + topics.violations() + "); choose another name");
            }
            List<NewTopic> created = new ArrayList<>();
            for (String topic : List.of(topics.sessions(), topics.orders(), topics.payouts(), topics.registrations(),
                    topics.workingDays(), topics.violations(), topics.late())) {
                created.add(new NewTopic(topic, partitions, (short) 1));
            }
            if (request.whatIf()) {
                for (String topic : List.of(topics.minimumWages(), topics.holidays(), topics.categories())) {
                    created.add(new NewTopic(topic, Topics.RULE_PARTITIONS, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
                }
            }
            admin.createTopics(created).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the replay's topics: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The last days and stretches close when stream time passes them: the sessions a day past the end (the working
     * time's days and stretches), the orders only the grace period past it, so that the pay rules' clock stands at the
     * range's end (due instants strictly before it are judged; months and days ending at it are).
     */
    private void tickPastTheEnd(ReplayRequest request) {
        long end = request.to().toEpochMilli();
        try (StreamClock sessions = clock(request.topics().sessions()); StreamClock orders = clock(request.topics().orders())) {
            sessions.tick(end + Duration.ofDays(1).toMillis());
            orders.tick(end + PayConfig.DEFAULT_GRACE.toMillis());
        }
    }

    private StreamClock clock(String topic) {
        return new StreamClock(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer()), List.of(topic));
    }

    private void runToTheEnd(Admin admin, String phase, Topology topology, Properties props, String applicationId,
                             Set<String> transactionalInputs) throws InterruptedException {
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        // a finite input read as fast as it goes: fewer, larger transactions than exactly-once's 100 ms default
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        Set<String> transactional = new HashSet<>(transactionalInputs);
        List<String> sources = sourceTopics(topology, applicationId, transactional);
        GroupProgress group = new GroupProgress(admin, applicationId, sources, transactional);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        KafkaStreams app = new KafkaStreams(topology, props);
        app.setUncaughtExceptionHandler(e -> {
            failure.set(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        long polls = 0;
        try {
            app.start();
            while (true) {
                Thread.sleep(POLL.toMillis());
                if (failure.get() != null) {
                    throw new IllegalStateException("the replay's " + phase + " app failed: " + failure.get(), failure.get());
                }
                GroupProgress.Status status = group.poll();
                progress.update(phase, status.read(), status.total());
                if (status.done()) {
                    return;
                }
                if (++polls % 20 == 0) {
                    log.info("replay {}: {} of {} records read; waiting for {}", applicationId, status.read(), status.total(),
                            status.waiting());
                }
            }
        } finally {
            app.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            app.cleanUp();
        }
    }

    /**
     * The topics the app's sub-topologies read (not the global stores'): the run's own, and its internal repartition
     * topics, which Kafka Streams names {@code <application id>-<name>} and writes transactionally.
     */
    static List<String> sourceTopics(Topology topology, String applicationId, Set<String> transactional) {
        List<String> topics = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    for (String topic : source.topicSet()) {
                        if (topic.startsWith("gigwatch.")) {
                            topics.add(topic);
                        } else {
                            topics.add(applicationId + "-" + topic);
                            transactional.add(applicationId + "-" + topic);
                        }
                    }
                }
            }
        }
        return topics;
    }

    private String dir(ReplayRequest request, String app) {
        try {
            return Files.createDirectories(stateDir.resolve(request.run()).resolve(app)).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the replay's state folder under " + stateDir, e);
        }
    }

    private KafkaProducer<String, SpecificRecord> ruleProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
    }
}
