package org.gigwatch.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.RulePublisher;
import org.gigwatch.simulator.Mode;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.KafkaEventSink;
import org.gigwatch.streams.replay.Replay;
import org.gigwatch.streams.replay.ReplayProgress;
import org.gigwatch.streams.replay.ReplayRequest;
import org.gigwatch.streams.replay.ReplayResult;
import org.gigwatch.streams.workingtime.StreamClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The replay's rate against the pass-through Kafka Streams app of {@code bench streams}, side by side in one run on
 * the standalone broker (its own process): a simulated city-month written once; then, alternating which goes first,
 * the pass-through app (child JVM, sessions and registrations, consume → produce) timed to lag 0, and a whole replay
 * of the month (copy, working time, pay, reading the results back) timed from start to its report. Rates are input
 * events per second of each; the ratio is replay / pass-through.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay rate (events/s) of a simulated city-month vs the pass-through Streams app, in the same run.")
final class ReplayBenchmark implements Callable<Integer> {
    private static final LocalDate START = LocalDate.of(2025, 3, 1);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<String> PASS_THROUGH_INPUTS = List.of(Topics.SESSIONS, Topics.REGISTRATIONS);

    @Option(names = "--workers", defaultValue = "10000", description = "Simulated workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--days", defaultValue = "30", description = "Simulated days from 2025-03-01 (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--rounds", defaultValue = "1", description = "Rounds of both (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads of the replay apps (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--child-heap", defaultValue = "1g", description = "-Xmx of the pass-through app's JVM (default: ${DEFAULT-VALUE}).")
    String childHeap;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("gigwatch-bench-replay-");
        int port = ProduceBenchmark.freePort();
        String bootstrap = "127.0.0.1:" + port;
        try (SchemaRegistryServer registry = SchemaRegistryServer.start();
             ChildJvm broker = ProduceBenchmark.startBroker(dir.resolve("kafka"), port);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            out.printf("machine: %d cores, %,d MiB memory, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    StreamsBenchmark.totalMemoryMib(), Runtime.version());
            long[] loaded = load(admin, bootstrap, registry.url());
            out.printf("broker %s (own process); %,d workers x %d days: %,d events (pass-through input: %,d)%n", bootstrap,
                    workers, days, loaded[0], loaded[1]);
            StringBuilder md = new StringBuilder("| round | replay events | replay s | replay events/s | pass-through events "
                    + "| pass-through s | pass-through events/s | ratio |\n|---|---|---|---|---|---|---|---|\n");
            for (int r = 1; r <= rounds; r++) {
                double passThrough = 0;
                ReplayResult replay = null;
                for (int leg = 0; leg < 2; leg++) {
                    if ((leg == 0) == (r % 2 == 1)) {
                        passThrough = passThrough(admin, bootstrap, registry.url(), dir, r);
                    } else {
                        replay = replay(bootstrap, registry.url(), dir, r);
                    }
                }
                double replaySeconds = replay.elapsed().toMillis() / 1000.0;
                double replayRate = replay.recordsCopied() / replaySeconds;
                double passRate = loaded[1] / passThrough;
                md.append(String.format("| %d | %,d | %.1f | %,.0f | %,d | %.1f | %,.0f | %.2f |%n", r, replay.recordsCopied(),
                        replaySeconds, replayRate, loaded[1], passThrough, passRate, replayRate / passRate));
                out.printf("round %d: replay %,.0f events/s, pass-through %,.0f events/s, ratio %.2f%n", r, replayRate,
                        passRate, replayRate / passRate);
            }
            out.println();
            out.println(md);
        } finally {
            ProduceBenchmark.deleteRecursively(dir);
        }
        return 0;
    }

    /** The month into the live topics, rule data, a tick past it; returns all events and the pass-through's input. */
    private long[] load(Admin admin, String bootstrap, String registryUrl) throws Exception {
        TopicSetup.ensureAll(admin);
        admin.createTopics(Stream.of(StreamsBenchmarkApp.PASS_THROUGH_SESSIONS, StreamsBenchmarkApp.PASS_THROUGH_REGISTRATIONS)
                .map(t -> new NewTopic(t, Topics.WORKER_PARTITIONS, (short) 1)).toList()).all().get();
        try (var producer = new KafkaProducer<String, org.apache.avro.specific.SpecificRecord>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.gigwatch.schemas.registry.AvroSerializer.class,
                org.gigwatch.schemas.registry.AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))) {
            RulePublisher.publish(RulePack.shipped("cn"), producer);
        }
        SimulatorConfig config = SimulatorConfig.builder().workers(workers).days(days).seed(7).startDate(START)
                .mode(Mode.HISTORY).rules(RulePack.shipped("cn")).build();
        Simulator simulator = new Simulator(config);
        try (KafkaEventSink kafka = KafkaEventSink.create(bootstrap, registryUrl)) {
            simulator.run(kafka);
            kafka.flush();
        }
        long end = START.plusDays(days + 1L).atStartOfDay(ZONE).toInstant().toEpochMilli();
        try (StreamClock clock = new StreamClock(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer()), PASS_THROUGH_INPUTS)) {
            clock.tick(end);
        }
        long passThroughInput = 0;
        for (TopicPartition p : StreamsBenchmark.partitions(PASS_THROUGH_INPUTS)) {
            passThroughInput += admin.listOffsets(Map.of(p, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get()
                    .get(p).offset();
        }
        return new long[] {simulator.counters().total(), passThroughInput};
    }

    private double passThrough(Admin admin, String bootstrap, String registryUrl, Path dir, int round) throws Exception {
        String applicationId = "bench-replay-pass-through-" + round;
        Path stateDir = Files.createDirectories(dir.resolve(applicationId));
        Set<TopicPartition> consumed = new HashSet<>(StreamsBenchmark.partitions(PASS_THROUGH_INPUTS));
        try (ChildJvm app = ChildJvm.start(new ArrayList<>(List.of("-Xmx" + childHeap)), StreamsBenchmarkApp.class,
                List.of(StreamsBenchmarkApp.PASS_THROUGH, bootstrap, registryUrl, applicationId, stateDir.toString()),
                StreamsBenchmarkApp.STARTED, null)) {
            long started = System.nanoTime();
            while (!StreamsBenchmark.caughtUp(admin, applicationId, consumed)) {
                if (!app.alive()) {
                    throw new IllegalStateException("the pass-through app ended before it caught up");
                }
                Thread.sleep(200);
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private ReplayResult replay(String bootstrap, String registryUrl, Path dir, int round) throws InterruptedException {
        ReplayRequest request = new ReplayRequest("bench-" + round, START.atStartOfDay(ZONE).toInstant(),
                START.plusDays(days).atStartOfDay(ZONE).toInstant(), java.time.Duration.ZERO, Set.of(), Set.of(),
                RulePack.shipped("cn"), false);
        return new Replay(bootstrap, registryUrl, dir.resolve("replay-state"), threads, ReplayProgress.NONE).run(request);
    }
}
