package org.gigwatch.app;

import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.registry.AvroSerializer;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.Mode;
import org.gigwatch.simulator.RunSummary;
import org.gigwatch.simulator.Simulator;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.simulator.emit.KafkaEventSink;
import org.gigwatch.simulator.emit.NullSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The simulator's produce rate into a broker, side by side with Kafka's own ProducerPerformance on the same
 * broker, with the same producer settings, record count and record size. The broker runs in its own process
 * ({@code gigwatch broker}); rounds alternate which goes first, so drift on a shared machine hits both.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Simulator produce rate vs Kafka's ProducerPerformance on the same broker.")
final class ProduceBenchmark implements Callable<Integer> {
    private static final String PERF_TOPIC = "gigwatch.bench.producer-performance";

    @Option(names = "--workers", defaultValue = "20000", description = "Simulated workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--days", defaultValue = "1", description = "Simulated days per round (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds of both (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "1", description = "Rounds run first and not reported: the JIT warms up (default: ${DEFAULT-VALUE}).")
    int warmup;

    private final PrintStream out = System.out;

    /** @param generation the same simulation into a null sink: what producing costs on top of generating */
    record Round(int round, RunSummary simulator, double recordSize, ProducerPerformanceRun.Result perf, RunSummary generation) {
        double ratio() {
            return simulator.rate() / perf.recordsPerSecond();
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("gigwatch-bench-");
        ChildJvm broker = null;
        try (SchemaRegistryServer registry = SchemaRegistryServer.start()) {
            int port = freePort();
            broker = startBroker(dir.resolve("kafka"), port);
            String bootstrap = "127.0.0.1:" + port;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicSetup.ensureAll(admin);
                admin.createTopics(List.of(new NewTopic(PERF_TOPIC, Topics.WORKER_PARTITIONS, (short) 1))).all().get();
            }
            out.printf("broker %s (own process), registry %s; %,d workers x %d day(s) per round, %d rounds%n",
                    bootstrap, registry.url(), workers, days, rounds);

            List<Round> results = new ArrayList<>();
            for (int r = 1 - warmup; r <= rounds; r++) {
                boolean simulatorFirst = r % 2 != 0 || results.isEmpty(); // the first one needs the simulator's record size
                SimulatedRound sim = null;
                ProducerPerformanceRun.Result perf = null;
                for (int leg = 0; leg < 2; leg++) {
                    if ((leg == 0) == simulatorFirst) {
                        sim = simulate(bootstrap, registry.url(), r);
                    } else {
                        // same count and (serialized, key included) size as the simulator's records of this round
                        int size = (int) Math.round(sim != null ? sim.recordSize : lastSize(results));
                        perf = ProducerPerformanceRun.run(bootstrap, PERF_TOPIC, sim != null ? sim.summary.events() : lastCount(results),
                                size, perfProps());
                    }
                }
                Round round = new Round(r, sim.summary, sim.recordSize, perf, new Simulator(config(r)).run(new NullSink()));
                if (r < 1) {
                    out.printf("warm-up: simulator %,.0f events/s, ProducerPerformance %,.0f records/s%n",
                            sim.summary.rate(), perf.recordsPerSecond());
                    continue;
                }
                results.add(round);
                out.printf("round %d: simulator %,.0f events/s, ProducerPerformance %,.0f records/s, ratio %.2f%n",
                        r, sim.summary.rate(), perf.recordsPerSecond(), round.ratio());
            }
            out.println();
            out.println(markdown(results));
        } finally {
            if (broker != null) {
                broker.close(); // SIGTERM: the broker command's shutdown hook closes it cleanly
            }
            deleteRecursively(dir);
        }
        return 0;
    }

    private record SimulatedRound(RunSummary summary, double recordSize) {}

    private SimulatorConfig config(int round) {
        return SimulatorConfig.builder()
                .workers(workers).days(days).seed(round).startDate(LocalDate.of(2025, 9, 29)).mode(Mode.HISTORY)
                .rules(RulePack.shipped("cn")).build();
    }

    private SimulatedRound simulate(String bootstrap, String registryUrl, int round) {
        SimulatorConfig config = config(round);
        Map<String, Object> props = new HashMap<>(KafkaEventSink.defaults());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        try (Producer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(), values);
             KafkaEventSink sink = new KafkaEventSink(producer)) {
            RunSummary summary = new Simulator(config).run(sink);
            sink.flush();
            return new SimulatedRound(summary, metric(producer.metrics(), "record-size-avg"));
        }
    }

    /** ProducerPerformance with the simulator's producer settings. */
    private static Map<String, String> perfProps() {
        Map<String, String> props = new HashMap<>();
        KafkaEventSink.defaults().forEach((k, v) -> {
            if (!k.equals(ProducerConfig.CLIENT_ID_CONFIG)) {
                props.put(k, String.valueOf(v));
            }
        });
        return props;
    }

    private static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name))
                .map(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst().orElseThrow(() -> new IllegalStateException("no producer metric " + name));
    }

    private static double lastSize(List<Round> results) {
        return results.get(results.size() - 1).recordSize();
    }

    private static long lastCount(List<Round> results) {
        return results.get(results.size() - 1).simulator().events();
    }

    static String markdown(List<Round> results) {
        StringBuilder md = new StringBuilder("| round | simulator events/s | ProducerPerformance records/s | ratio "
                + "| records | avg record bytes | generation alone, events/s |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Round r : results) {
            md.append(String.format("| %d | %,.0f | %,.0f | %.2f | %,d | %.0f | %,.0f |%n", r.round(), r.simulator().rate(),
                    r.perf().recordsPerSecond(), r.ratio(), r.simulator().events(), r.recordSize(), r.generation().rate()));
        }
        double[] ratios = results.stream().mapToDouble(Round::ratio).sorted().toArray();
        md.append(String.format("%nmedian ratio (simulator / ProducerPerformance): %.2f%n", ratios[ratios.length / 2]));
        return md.toString();
    }

    /** {@code gigwatch broker} in a child JVM; returns once it says it is ready. */
    static ChildJvm startBroker(Path data, int port) throws Exception {
        return ChildJvm.start(List.of(), Gigwatch.class,
                List.of("broker", "--data", data.toString(), "--port", Integer.toString(port), "--no-create-topics"),
                "broker ready");
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
