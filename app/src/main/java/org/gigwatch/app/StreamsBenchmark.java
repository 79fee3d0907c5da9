package org.gigwatch.app;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.Mode;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.EventSink;
import org.gigwatch.simulator.emit.KafkaEventSink;
import org.gigwatch.streams.workingtime.StreamClock;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The working-time topology's throughput against a pass-through Kafka Streams app (consume → produce, the same topics,
 * data, Avro serdes and exactly_once_v2), side by side in one run on the standalone broker (its own process); then
 * the topology's state size on disk and its process RSS for a larger population. Each app runs in a child JVM with a
 * fresh application id and state directory, reading from the earliest offset; it is timed from its start until its
 * consumer group's lag (Admin API, every partition it consumes, the repartition topic included) is 0. Rounds alternate
 * which app goes first, so drift on a shared machine hits both.
 *
 * <p>With {@code --full}, the full topology (working time, then pay on the days it closed, as a replay runs them) on
 * every event topic the two read, against a pass-through of those topics.
 */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Working-time topology vs a pass-through Kafka Streams app on the same data; state size and RSS.")
final class StreamsBenchmark implements Callable<Integer> {
    private static final LocalDate DAY = LocalDate.of(2025, 9, 29);
    /** What the working-time topology reads that the data set fills (orders only with --full). */
    private static final List<String> WORKING_TIME_INPUTS = List.of(Topics.SESSIONS, Topics.REGISTRATIONS);
    private static final List<String> FULL_WORKING_TIME_INPUTS = List.of(Topics.SESSIONS, Topics.ORDERS, Topics.REGISTRATIONS);
    /** The pay topology's event inputs; it reads the round's working days as well. */
    private static final List<String> PAY_INPUTS = List.of(Topics.ORDERS, Topics.PAYOUTS, Topics.REGISTRATIONS);
    private static final List<String> FULL_INPUTS = List.of(Topics.SESSIONS, Topics.ORDERS, Topics.REGISTRATIONS, Topics.PAYOUTS);
    private static final long POLL_MS = 200;

    @Option(names = "--workers", defaultValue = "10000", description = "Simulated workers for the side-by-side rounds, one day (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds of both apps; 0 skips them (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "1", description = "Rounds run first and not reported (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--scale-workers", defaultValue = "100000",
            description = "Workers (one day) for the state size and RSS run; 0 skips it (default: ${DEFAULT-VALUE}).")
    int scaleWorkers;

    @Option(names = "--full", description = "The full topology (working time, then pay) on every event topic both read, "
            + "orders and payouts included, against a pass-through of those topics.")
    boolean full;

    @Option(names = "--child-heap", defaultValue = "1g", description = "-Xmx of each app's JVM (default: ${DEFAULT-VALUE}).")
    String childHeap;

    @Option(names = "--logs", description = "Keep each app's output (its state changes) in this directory (default: discarded).")
    Path logs;

    @Option(names = "--jfr", description = "Record each app with Java Flight Recorder (profile settings) into this directory.")
    Path jfr;

    private final PrintStream out = System.out;

    /**
     * One app's run: input records, time to lag 0, and its memory and state at that moment; and the warm part: the
     * input records committed after the group had first committed a quarter of the input, over the time from then to
     * lag 0 (start-up, store creation and the JIT's warm-up of a fresh JVM are outside it).
     */
    record Run(String kind, long records, double seconds, long warmRecords, double warmSeconds, long rssKib,
               long peakRssKib, long stateBytes) {
        double rate() {
            return records / seconds;
        }

        double warmRate() {
            return warmRecords / warmSeconds;
        }
    }

    /** A round: the pass-through, the working-time app and, with --full, the pay app run after it (else null). */
    record Round(int round, Run passThrough, Run workingTime, Run pay) {
        /** Seconds the topology took: with --full, the working-time app's plus the pay app's. */
        double seconds() {
            return workingTime.seconds() + (pay == null ? 0 : pay.seconds());
        }

        /** The topology's rate on the pass-through's input: the same events. */
        double rate() {
            return passThrough.records() / seconds();
        }

        double ratio() {
            return rate() / passThrough.rate();
        }

        double warmRatio() {
            return workingTime.warmRate() / passThrough.warmRate();
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("gigwatch-bench-streams-");
        try (SchemaRegistryServer registry = SchemaRegistryServer.start()) {
            out.printf("machine: %d cores, %,d MiB memory, Java %s; each app: its own JVM, -Xmx%s%n",
                    Runtime.getRuntime().availableProcessors(), totalMemoryMib(), Runtime.version(), childHeap);
            if (rounds > 0) {
                List<Round> results = sideBySide(dir.resolve("rounds"), registry.url());
                out.println();
                out.println(full ? fullMarkdown(results) : markdown(results));
            }
            if (scaleWorkers > 0) {
                out.println(scaleMarkdown(atScale(dir.resolve("scale"), registry.url())));
            }
        } finally {
            ProduceBenchmark.deleteRecursively(dir);
        }
        return 0;
    }

    private List<Round> sideBySide(Path dir, String registryUrl) throws Exception {
        int port = ProduceBenchmark.freePort();
        try (ChildJvm broker = ProduceBenchmark.startBroker(dir.resolve("kafka"), port);
             Admin admin = admin("127.0.0.1:" + port)) {
            String bootstrap = "127.0.0.1:" + port;
            long records = load(admin, bootstrap, registryUrl, workers);
            out.printf("broker %s (own process); %,d workers x 1 day = %,d input records (%s, ticks); "
                    + "%d rounds after %d warm-up%n", bootstrap, workers, records, full ? "sessions, orders, registrations, "
                    + "payouts" : "sessions, registrations", rounds, warmup);
            List<Round> results = new ArrayList<>();
            for (int r = 1 - warmup; r <= rounds; r++) {
                boolean passThroughFirst = Math.floorMod(r, 2) == 1;
                Run passThrough = null;
                Run workingTime = null;
                Run pay = null;
                for (int leg = 0; leg < 2; leg++) {
                    if ((leg == 0) == passThroughFirst) {
                        passThrough = full
                                ? run(StreamsBenchmarkApp.PASS_THROUGH_FULL, admin, bootstrap, registryUrl, dir, r, FULL_INPUTS, null)
                                : run(StreamsBenchmarkApp.PASS_THROUGH, admin, bootstrap, registryUrl, dir, r, WORKING_TIME_INPUTS, null);
                    } else if (full) {
                        String days = "gigwatch.bench.working-days-" + applicationSuffix(r);
                        admin.createTopics(List.of(new NewTopic(days, Topics.WORKER_PARTITIONS, (short) 1))).all().get();
                        workingTime = run(StreamsBenchmarkApp.WORKING_TIME, admin, bootstrap, registryUrl, dir, r,
                                FULL_WORKING_TIME_INPUTS, days);
                        tickPastTheDay(bootstrap, List.of(days)); // the pay app's days partitions end on a tick, as the inputs do
                        pay = run(StreamsBenchmarkApp.PAY, admin, bootstrap, registryUrl, dir, r,
                                Stream.concat(PAY_INPUTS.stream(), Stream.of(days)).toList(), days);
                    } else {
                        workingTime = run(StreamsBenchmarkApp.WORKING_TIME, admin, bootstrap, registryUrl, dir, r,
                                WORKING_TIME_INPUTS, null);
                    }
                }
                Round round = new Round(r, passThrough, workingTime, pay);
                if (full) {
                    out.printf("%s: pass-through %,.0f events/s, full topology %,.0f events/s (working time %.1f s, pay %.1f s), "
                            + "ratio %.2f%n", r < 1 ? "warm-up" : "round " + r, passThrough.rate(), round.rate(),
                            workingTime.seconds(), pay.seconds(), round.ratio());
                } else {
                    out.printf("%s: pass-through %,.0f events/s, working-time %,.0f events/s, ratio %.2f; warm: %,.0f, %,.0f, "
                            + "ratio %.2f%n", r < 1 ? "warm-up" : "round " + r, passThrough.rate(), workingTime.rate(),
                            round.ratio(), passThrough.warmRate(), workingTime.warmRate(), round.warmRatio());
                }
                if (r >= 1) {
                    results.add(round);
                }
            }
            return results;
        }
    }

    private List<Run> atScale(Path dir, String registryUrl) throws Exception {
        int port = ProduceBenchmark.freePort();
        try (ChildJvm broker = ProduceBenchmark.startBroker(dir.resolve("kafka"), port);
             Admin admin = admin("127.0.0.1:" + port)) {
            String bootstrap = "127.0.0.1:" + port;
            long records = load(admin, bootstrap, registryUrl, scaleWorkers);
            out.printf("%nscale run: %,d workers x 1 day = %,d input records%n", scaleWorkers, records);
            Run workingTime = run(StreamsBenchmarkApp.WORKING_TIME, admin, bootstrap, registryUrl, dir, 0,
                    full ? FULL_WORKING_TIME_INPUTS : WORKING_TIME_INPUTS, null);
            Run passThrough = full
                    ? run(StreamsBenchmarkApp.PASS_THROUGH_FULL, admin, bootstrap, registryUrl, dir, 0, FULL_INPUTS, null)
                    : run(StreamsBenchmarkApp.PASS_THROUGH, admin, bootstrap, registryUrl, dir, 0, WORKING_TIME_INPUTS, null);
            return List.of(workingTime, passThrough);
        }
    }

    /**
     * A simulated day of {@code n} workers into the input topics (and with --full the rule data the pay topology
     * needs), then a tick past it; returns the input records written.
     */
    private long load(Admin admin, String bootstrap, String registryUrl, int n) throws Exception {
        TopicSetup.ensureAll(admin);
        admin.createTopics(Stream.of(StreamsBenchmarkApp.PASS_THROUGH_SESSIONS, StreamsBenchmarkApp.PASS_THROUGH_REGISTRATIONS,
                        StreamsBenchmarkApp.PASS_THROUGH_ORDERS, StreamsBenchmarkApp.PASS_THROUGH_PAYOUTS)
                .map(t -> new NewTopic(t, Topics.WORKER_PARTITIONS, (short) 1)).toList()).all().get();
        List<String> inputs = full ? FULL_INPUTS : WORKING_TIME_INPUTS;
        if (full) {
            RuleData.publish(RulePack.shipped("cn"), bootstrap, registryUrl);
        }
        SimulatorConfig config = SimulatorConfig.builder().workers(n).days(1).seed(7).startDate(DAY).mode(Mode.HISTORY)
                .rules(RulePack.shipped("cn")).build();
        try (KafkaEventSink kafka = KafkaEventSink.create(bootstrap, registryUrl)) {
            new Simulator(config).run(new InputsOnly(kafka, inputs));
            kafka.flush();
        }
        tickPastTheDay(bootstrap, inputs); // closes every stretch and day: the topologies do all their work
        return endOffsets(admin, partitions(inputs)).values().stream().mapToLong(Long::longValue).sum();
    }

    private static void tickPastTheDay(String bootstrap, List<String> topics) {
        long afterTheDay = DAY.plusDays(2).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
        try (StreamClock clock = new StreamClock(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer()), topics)) {
            clock.tick(afterTheDay);
        }
    }

    /** Only what the benchmarked topologies read (the rest is generated but not written). */
    private record InputsOnly(EventSink sink, List<String> inputs) implements EventSink {
        @Override
        public void send(String topic, String key, long timestamp, SpecificRecord value) {
            if (inputs.contains(topic)) {
                sink.send(topic, key, timestamp, value);
            }
        }

        @Override
        public boolean retainsValues() {
            return sink.retainsValues();
        }

        @Override
        public void close() {}
    }

    private static String applicationSuffix(int round) {
        return round < 1 ? "w" + (1 - round) : String.valueOf(round);
    }

    /**
     * Runs one app in a child JVM from the earliest offsets until it has committed the end of {@code inputTopics}
     * (and of its repartition topic), whose records it is measured by; {@code workingDays}: the round's topic of
     * working days (null: the live one, which the topology then writes and nothing reads).
     */
    private Run run(String kind, Admin admin, String bootstrap, String registryUrl, Path dir, int round,
                    List<String> inputTopics, String workingDays) throws Exception {
        String applicationId = "bench-" + kind + "-" + applicationSuffix(round);
        Path stateDir = Files.createDirectories(dir.resolve(applicationId));
        Set<TopicPartition> inputs = partitions(inputTopics);
        long records = endOffsets(admin, inputs).values().stream().mapToLong(Long::longValue).sum();
        Set<TopicPartition> consumed = new HashSet<>(inputs);
        if (kind.equals(StreamsBenchmarkApp.WORKING_TIME)) {
            consumed.addAll(partitions(List.of(applicationId + "-" + WorkingTimeTopology.PERSON_REPARTITION + "-repartition")));
        }
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + childHeap));
        if (jfr != null) {
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + Files.createDirectories(jfr).resolve(applicationId + ".jfr"));
        }
        List<String> args = new ArrayList<>(List.of(kind, bootstrap, registryUrl, applicationId, stateDir.toString()));
        if (workingDays != null) {
            args.add(workingDays);
        }
        try (ChildJvm app = ChildJvm.start(jvm, StreamsBenchmarkApp.class, args, StreamsBenchmarkApp.STARTED,
                logs == null ? null : Files.createDirectories(logs).resolve(applicationId + ".log"))) {
            long started = System.nanoTime();
            long warmFrom = 0;
            long committedThen = 0;
            while (true) {
                Map<TopicPartition, Long> committed = committed(admin, applicationId);
                if (caughtUp(admin, committed, consumed)) {
                    break;
                }
                long input = inputs.stream().mapToLong(tp -> committed.getOrDefault(tp, 0L)).sum();
                if (warmFrom == 0 && input >= records / 4) {
                    warmFrom = System.nanoTime();
                    committedThen = input;
                }
                if (!app.alive()) {
                    throw new IllegalStateException(kind + " ended before it caught up");
                }
                Thread.sleep(POLL_MS);
            }
            long ended = System.nanoTime();
            if (warmFrom == 0) { // a quarter and the rest within one poll
                warmFrom = started;
            }
            return new Run(kind, records, (ended - started) / 1e9, records - committedThen, (ended - warmFrom) / 1e9,
                    app.memoryKib("VmRSS"), app.memoryKib("VmHWM"), size(stateDir));
        }
    }

    /** The group's committed offsets (none while the group is not known yet). */
    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws InterruptedException {
        try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, offset) -> offsets.put(tp, offset == null ? 0L : offset.offset()));
            return offsets;
        } catch (ExecutionException e) {
            return Map.of();
        }
    }

    /** Whether the group has committed, on every partition it consumes, the end of that partition. */
    static boolean caughtUp(Admin admin, String group, Set<TopicPartition> consumed) throws InterruptedException {
        return caughtUp(admin, committed(admin, group), consumed);
    }

    private static boolean caughtUp(Admin admin, Map<TopicPartition, Long> committed, Set<TopicPartition> consumed)
            throws InterruptedException {
        try {
            Set<String> topics = admin.listTopics().names().get();
            if (!consumed.stream().allMatch(tp -> topics.contains(tp.topic()))) {
                return false; // the repartition topic is not created yet
            }
            Map<TopicPartition, Long> ends = endOffsets(admin, consumed);
            return consumed.stream().allMatch(tp -> committed.get(tp) != null && committed.get(tp) >= ends.get(tp));
        } catch (ExecutionException e) {
            return false;
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    static Set<TopicPartition> partitions(List<String> topics) {
        return topics.stream().flatMap(t -> IntStream.range(0, Topics.WORKER_PARTITIONS).mapToObj(p -> new TopicPartition(t, p)))
                .collect(Collectors.toSet());
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static long totalMemoryMib() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 20;
    }

    static String markdown(List<Round> results) {
        StringBuilder md = new StringBuilder("| round | input records | pass-through events/s | working-time events/s | ratio "
                + "| pass-through s | working-time s | warm pass-through events/s | warm working-time events/s | warm ratio |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Round r : results) {
            md.append(String.format("| %d | %,d | %,.0f | %,.0f | %.2f | %.1f | %.1f | %,.0f | %,.0f | %.2f |%n", r.round(),
                    r.workingTime().records(), r.passThrough().rate(), r.workingTime().rate(), r.ratio(),
                    r.passThrough().seconds(), r.workingTime().seconds(), r.passThrough().warmRate(),
                    r.workingTime().warmRate(), r.warmRatio()));
        }
        md.append(String.format("%nmedian ratio (working-time / pass-through): %.2f, warm: %.2f (target: at least 0.6)%n",
                median(results.stream().mapToDouble(Round::ratio)), median(results.stream().mapToDouble(Round::warmRatio))));
        return md.toString();
    }

    static String fullMarkdown(List<Round> results) {
        StringBuilder md = new StringBuilder("| round | input records | pass-through events/s | full topology events/s | ratio "
                + "| pass-through s | working-time s | pay s |\n|---|---|---|---|---|---|---|---|\n");
        for (Round r : results) {
            md.append(String.format("| %d | %,d | %,.0f | %,.0f | %.2f | %.1f | %.1f | %.1f |%n", r.round(),
                    r.passThrough().records(), r.passThrough().rate(), r.rate(), r.ratio(), r.passThrough().seconds(),
                    r.workingTime().seconds(), r.pay().seconds()));
        }
        md.append(String.format("%nmedian ratio (full topology / pass-through): %.2f (target: at least 0.6)%n",
                median(results.stream().mapToDouble(Round::ratio))));
        return md.toString();
    }

    private static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        return sorted[sorted.length / 2];
    }

    static String scaleMarkdown(List<Run> runs) {
        StringBuilder md = new StringBuilder("| app | input records | events/s | state dir on disk | RSS at lag 0 | peak RSS |\n"
                + "|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            md.append(String.format("| %s | %,d | %,.0f | %,.1f MiB | %,.0f MiB | %,.0f MiB |%n", r.kind(), r.records(), r.rate(),
                    r.stateBytes() / 1048576.0, r.rssKib() / 1024.0, r.peakRssKib() / 1024.0));
        }
        return md.toString();
    }
}
