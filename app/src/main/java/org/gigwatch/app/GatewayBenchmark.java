package org.gigwatch.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.gateway.GatewayConfig;
import org.gigwatch.gateway.IngestGateway;
import org.gigwatch.gateway.PlatformKeys;
import org.gigwatch.schemas.TopicSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Events per second through the ingest gateway vs a raw KafkaProducer sending the same records to the same broker,
 * then batch latency at half the gateway's measured rate, for the gateway and for a raw producer sending the same
 * batches at the same times and waiting for each batch's acknowledgements. The broker runs in a process of its own (or is given),
 * the gateway in this one, the load in a third ({@link GatewayLoad}); the two sides alternate which goes first.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Ingest gateway throughput vs a raw KafkaProducer on the same broker, and latency at half load.")
final class GatewayBenchmark implements Callable<Integer> {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT events=(\\d+) seconds=([\\d.]+) p50ms=([\\d.]+) p99ms=([\\d.]+) maxms=([\\d.]+) failed=(\\d+) statuses=(.*)");

    @Option(names = "--events", defaultValue = "200000", description = "Events per round and side (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--batch", defaultValue = "500", description = "Events per HTTP request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--connections", defaultValue = "8", description = "Concurrent keep-alive HTTP connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds of both sides (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "1", description = "Rounds run first and not reported (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--latency-seconds", defaultValue = "20", description = "Length of the half-load phase (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--bootstrap", description = "Use this broker instead of starting one (its topics are created if missing).")
    String bootstrap;

    private final PrintStream out = System.out;

    /** One run of the load process. */
    record Load(long events, double seconds, double p50ms, double p99ms, double maxms, long failed, String statuses) {
        double rate() {
            return events / seconds;
        }
    }

    record Round(int round, Load gateway, Load raw) {
        double ratio() {
            return gateway.rate() / raw.rate();
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("gigwatch-bench-gateway-");
        ChildJvm broker = null;
        try (SchemaRegistryServer registry = SchemaRegistryServer.start()) {
            String kafka = bootstrap;
            if (kafka == null) {
                int port = ProduceBenchmark.freePort();
                broker = ProduceBenchmark.startBroker(dir.resolve("kafka"), port);
                kafka = "127.0.0.1:" + port;
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
                TopicSetup.ensureAll(admin);
            }
            Path keysFile = dir.resolve("platform-keys");
            String key = PlatformKeys.open(keysFile).issue(GatewayLoad.PLATFORM);
            try (IngestGateway gateway = IngestGateway.start(GatewayConfig.of(kafka, registry.url(), keysFile).withPort(0))) {
                String url = "http://127.0.0.1:" + gateway.port();
                out.printf("broker %s (%s), registry %s, gateway %s (this process), load in a process of its own;%n"
                                + "%,d order events per round and side, batches of %d over %d connections, %d rounds after %d warm-up%n",
                        kafka, broker != null ? "own process" : "given", registry.url(), url, events, batch, connections, rounds, warmup);
                String run = UUID.randomUUID().toString().substring(0, 8);
                List<Round> results = new ArrayList<>();
                for (int r = 1 - warmup; r <= rounds; r++) {
                    String prefix = run + "-" + (r + warmup);
                    Load viaGateway;
                    Load raw;
                    if (r % 2 != 0) {
                        viaGateway = load("gateway", url, key, events, 0, prefix + "-g");
                        raw = load("raw", kafka, registry.url(), events, 0, prefix + "-r");
                    } else {
                        raw = load("raw", kafka, registry.url(), events, 0, prefix + "-r");
                        viaGateway = load("gateway", url, key, events, 0, prefix + "-g");
                    }
                    Round round = new Round(r, viaGateway, raw);
                    out.printf("%s: gateway %,.0f events/s (p99 batch %.1f ms, failed %d), raw producer %,.0f events/s, ratio %.2f%n",
                            r < 1 ? "warm-up" : "round " + r, viaGateway.rate(), viaGateway.p99ms(), viaGateway.failed(),
                            raw.rate(), round.ratio());
                    if (r >= 1) {
                        results.add(round);
                    }
                }
                double[] rates = results.stream().mapToDouble(round -> round.gateway().rate()).sorted().toArray();
                double half = rates[rates.length / 2] / 2;
                int latencyEvents = (int) Math.max(batch * 20L, Math.round(half * latencySeconds));
                // the same batches at the same times from a raw producer waiting for each batch's acks: the machine's share
                Load atHalf = load("gateway", url, key, latencyEvents, half, run + "-half-g");
                Load rawAtHalf = load("raw", kafka, registry.url(), latencyEvents, half, run + "-half-r");
                out.printf("at half the median gateway rate (%,.0f events/s offered): gateway batch latency p50 %.1f ms, p99 %.1f ms, "
                                + "max %.1f ms, failed %d; raw producer p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", half, atHalf.p50ms(),
                        atHalf.p99ms(), atHalf.maxms(), atHalf.failed(), rawAtHalf.p50ms(), rawAtHalf.p99ms(), rawAtHalf.maxms());
                out.println();
                out.println(markdown(results, half, atHalf, rawAtHalf));
                boolean clean = atHalf.failed() == 0 && rawAtHalf.failed() == 0 && results.stream().allMatch(round -> round.gateway().failed() == 0 && round.raw().failed() == 0);
                return clean ? 0 : 1;
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
            ProduceBenchmark.deleteRecursively(dir);
        }
    }

    /** Runs {@link GatewayLoad} in a new JVM on this classpath and reads its result line. */
    private Load load(String mode, String target, String credential, int count, double rate, String prefix) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), GatewayLoad.class.getName(), mode, target, credential,
                Integer.toString(count)));
        command.addAll(List.of(Integer.toString(batch), Integer.toString(connections), Double.toString(rate), prefix));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        Load result = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher m = RESULT.matcher(line);
                if (m.matches()) {
                    result = new Load(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                            Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), Long.parseLong(m.group(6)), m.group(7));
                } else {
                    seen.append(line).append('\n');
                }
            }
        }
        int exit = process.waitFor();
        if (result == null || exit != 0) {
            throw new IllegalStateException("the " + mode + " load ended with " + exit + " and no result:\n" + seen);
        }
        return result;
    }

    static String markdown(List<Round> results, double half, Load atHalf, Load rawAtHalf) {
        StringBuilder md = new StringBuilder("| round | gateway events/s | raw producer events/s | ratio | gateway p99 batch ms (full load) |\n");
        md.append("|---|---|---|---|---|\n");
        for (Round r : results) {
            md.append(String.format("| %d | %,.0f | %,.0f | %.2f | %.1f |%n", r.round(), r.gateway().rate(), r.raw().rate(), r.ratio(),
                    r.gateway().p99ms()));
        }
        double[] ratios = results.stream().mapToDouble(Round::ratio).sorted().toArray();
        md.append(String.format("%nmedian ratio (gateway / raw producer): %.2f (range %.2f-%.2f)%n", ratios[ratios.length / 2],
                ratios[0], ratios[ratios.length - 1]));
        md.append(String.format("%nat half the median gateway rate (%,.0f events/s offered, %,d events in batches of the same size):%n%n",
                half, atHalf.events()));
        md.append("| batch latency | p50 ms | p99 ms | max ms |\n|---|---|---|---|\n");
        md.append(String.format("| gateway (HTTP, answered after the acks) | %.1f | %.1f | %.1f |%n", atHalf.p50ms(), atHalf.p99ms(), atHalf.maxms()));
        md.append(String.format("| raw producer (send the batch, wait for its acks) | %.1f | %.1f | %.1f |%n", rawAtHalf.p50ms(),
                rawAtHalf.p99ms(), rawAtHalf.maxms()));
        return md.toString();
    }
}
