package org.gigwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.alerts.Account;
import org.gigwatch.alerts.Accounts;
import org.gigwatch.alerts.AlertsService;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.embedded.KafkaBroker;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerde;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The alerts service under load, beside its yardstick, the bare Kafka hop: violations are produced to
 * gigwatch.violations with their detection instant set to the wall clock when sent, and three readers note when each
 * arrives: a consumer of gigwatch.violations itself (the yardstick: what any consumer of the input sees), a
 * read_committed consumer of the Shaoxing hrss regulator topic (routed, exactly-once), and a signed-in Shaoxing
 * regulator's SSE feed. Then a burst, unpaced, for the rate routed.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Alerts: latency violation → regulator topic → SSE at a paced rate (p50, p99) beside the bare Kafka hop, and violations/s routed.")
final class AlertsBenchmark implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = Topics.regulator("330600", "hrss");
    private static final String READER = "bench-reader-";

    @Option(names = "--rate", defaultValue = "1000", description = "Violations per second in the paced phase (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "Length of the paced phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--burst", defaultValue = "30000", description = "Violations in the unpaced burst (default: ${DEFAULT-VALUE}).")
    int burst;

    private final PrintStream out = System.out;
    /** Held for the run: an HttpClient nobody references any more is shut down, and its open feed with it. */
    private final HttpClient feedClient = HttpClient.newHttpClient();

    /** When each alert id was first seen by one reader, in ms after its detection instant. */
    private static final class Arrivals {
        final Map<String, Long> latency = new ConcurrentHashMap<>();
        final Map<String, Long> at = new ConcurrentHashMap<>();

        void saw(String alertId, long detectedAt) {
            long now = System.currentTimeMillis();
            if (latency.putIfAbsent(alertId, now - detectedAt) == null) {
                at.put(alertId, now);
            }
        }

        boolean hasAll(Set<String> ids) {
            return latency.keySet().containsAll(ids);
        }

        String percentiles(Set<String> ids) {
            long[] values = ids.stream().map(latency::get).filter(v -> v != null).mapToLong(Long::longValue).sorted().toArray();
            return values.length == 0 ? "none arrived" : String.format("p50 %4d ms   p99 %4d ms   max %5d ms   (%,d of %,d)",
                    values[(int) (values.length * 0.50)], values[Math.min(values.length - 1, (int) (values.length * 0.99))],
                    values[values.length - 1], values.length, ids.size());
        }

        long lastArrival(Set<String> ids) {
            return ids.stream().map(at::get).filter(v -> v != null).mapToLong(Long::longValue).max().orElse(0);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("gigwatch-bench-alerts-");
        String password = Accounts.randomPassword();
        Accounts accounts = Accounts.of(List.of(new Account("bench-hrss", "330600", "hrss", Accounts.hash(password.toCharArray()))));
        AtomicBoolean running = new AtomicBoolean(true);
        Arrivals input = new Arrivals();
        Arrivals routed = new Arrivals();
        Arrivals feed = new Arrivals();
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start();
             AlertsService service = AlertsService.start(AlertsService.Settings.of(broker.bootstrapServers(), registry.url(),
                     accounts, dir.resolve("state")));
             KafkaProducer<String, Violation> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 1),
                     new StringSerializer(), AvroSerde.specific(Violation.class, registry.url()).serializer())) {
            out.printf("broker %s (in process), registry %s, alerts service %s%n", broker.bootstrapServers(), registry.url(),
                    service.consoleUrl());
            Thread inputReader = reader(broker.bootstrapServers(), registry.url(), Topics.VIOLATIONS, "read_uncommitted", input, running);
            Thread routedReader = reader(broker.bootstrapServers(), registry.url(), TOPIC, "read_committed", routed, running);
            AtomicReference<Stream<String>> sse = follow(service.consoleUrl(), password, feed);

            Set<String> warmup = publish(producer, "warmup", 500, 500);
            await(Duration.ofSeconds(120), () -> routed.hasAll(warmup) && feed.hasAll(warmup));
            out.println("warm: 500 violations routed and fed; measuring");

            Set<String> paced = publish(producer, "paced", rate * seconds, rate);
            boolean all = await(Duration.ofSeconds(120), () -> routed.hasAll(paced) && feed.hasAll(paced));
            out.printf("%nlatency from detection to arrival, %,d violations at %,d/s over %d s%s:%n", paced.size(), rate, seconds,
                    all ? "" : " (NOT ALL ARRIVED)");
            out.println("  gigwatch.violations (yardstick)  " + input.percentiles(paced));
            out.println("  regulator topic (read_committed) " + routed.percentiles(paced));
            out.println("  SSE feed of the console          " + feed.percentiles(paced));

            long start = System.currentTimeMillis();
            Map<String, Long> cpuBefore = cpuTimes();
            Set<String> bursted = publish(producer, "burst", burst, 0);
            await(Duration.ofSeconds(300), () -> routed.hasAll(bursted));
            Map<String, Long> cpuAfter = cpuTimes();
            double inputRate = bursted.size() * 1000.0 / Math.max(1, input.lastArrival(bursted) - start);
            double routedRate = bursted.size() * 1000.0 / Math.max(1, routed.lastArrival(bursted) - start);
            out.printf("%nburst of %,d violations, unpaced (each to 6 regulator topics):%n", bursted.size());
            out.printf("  on gigwatch.violations (yardstick) %,10.0f violations/s%n", inputRate);
            out.printf("  routed to the regulator topic      %,10.0f violations/s  (%.2f of the yardstick)%n", routedRate,
                    routedRate / inputRate);
            // CPU, not wall time: what each violation costs whatever else the machine runs (the broker's share excluded)
            double routerCpu = cpuDelta(cpuBefore, cpuAfter, name -> name.contains("StreamThread")) / 1e3 / bursted.size();
            double hopCpu = cpuDelta(cpuBefore, cpuAfter, name -> name.equals(READER + Topics.VIOLATIONS)) / 1e3 / bursted.size();
            out.printf("  CPU per violation: router (stream threads and their producers) %.1f µs, yardstick consumer %.1f µs (%.1f×)%n",
                    routerCpu, hopCpu, routerCpu / hopCpu);
            running.set(false);
            Stream<String> lines = sse.get();
            if (lines != null) {
                lines.close();
            }
            inputReader.join(5_000);
            routedReader.join(5_000);
            return all ? 0 : 1;
        } finally {
            running.set(false);
            deleteQuietly(dir);
        }
    }

    /** {@code count} new alerts, REST_BREAKs in Shaoxing, each detected when sent; paced at {@code perSecond} (0 = unpaced). */
    private static Set<String> publish(KafkaProducer<String, Violation> producer, String prefix, int count, int perSecond) {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                // sleep, not spin: a spinning sender takes a core from the router it measures
                long due = start + i * 1_000_000_000L / perSecond;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            String id = prefix + "-" + i;
            Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
            Violation v = Violation.newBuilder().setAlertId(id).setRuleId("REST_BREAK").setScope(Scope.PLATFORM)
                    .setStatus(ViolationStatus.OPEN).setPlatformId("swiftmeal").setPlatforms(List.of("swiftmeal"))
                    .setIndustries(List.of("FOOD_DELIVERY")).setWorkerKey("swiftmeal/" + prefix + i).setRegion("330600")
                    .setWindowStart(now.minusSeconds(14_400)).setWindowEnd(now).setDetectedAt(now).setMeasured(14_400)
                    .setThreshold(14_400).setUnit("SECONDS").setRuleDataVersion("bench").build();
            ids.add(id);
            producer.send(new ProducerRecord<>(Topics.VIOLATIONS, v.getWorkerKey(), v));
        }
        producer.flush();
        return ids;
    }

    /** CPU time (ns) of every live thread, by name (names are unique here: one router, one reader per topic). */
    private static Map<String, Long> cpuTimes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                cpu.merge(info.getThreadName(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return cpu;
    }

    private static long cpuDelta(Map<String, Long> before, Map<String, Long> after, Predicate<String> threads) {
        return after.entrySet().stream().filter(e -> threads.test(e.getKey()))
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }

    private static Thread reader(String bootstrap, String registryUrl, String topic, String isolation, Arrivals arrivals,
                                 AtomicBoolean running) {
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, Violation> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                    new StringDeserializer(), AvroSerde.specific(Violation.class, registryUrl).deserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                while (running.get()) {
                    for (ConsumerRecord<String, Violation> r : consumer.poll(Duration.ofMillis(100))) {
                        arrivals.saw(r.value().getAlertId(), r.value().getDetectedAt().toEpochMilli());
                    }
                }
            }
        }, READER + topic);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Signs in and follows the SSE feed; each alert event's arrival is noted. Returns the open stream, to close. */
    private AtomicReference<Stream<String>> follow(String consoleUrl, String password, Arrivals arrivals) throws Exception {
        HttpClient http = feedClient;
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(consoleUrl + "api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("user", "bench-hrss", "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        AtomicReference<Stream<String>> stream = new AtomicReference<>();
        Consumer<String> line = l -> {
            if (l.startsWith("data:")) {
                try {
                    JsonNode alert = JSON.readTree(l.substring(5));
                    arrivals.saw(alert.get("alertId").asText(), Instant.parse(alert.get("detectedAt").asText()).toEpochMilli());
                } catch (Exception e) {
                    throw new IllegalStateException("the feed sent something that is not an alert: " + l, e);
                }
            }
        };
        http.sendAsync(HttpRequest.newBuilder(URI.create(consoleUrl + "api/feed")).header("Cookie", cookie)
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
                    stream.set(response.body());
                    response.body().forEach(line);
                });
        return stream;
    }

    private static boolean await(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temp dir left behind is harmless
        }
    }
}
