package org.gigwatch.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.registry.AvroSerdeConfig;
import org.gigwatch.schemas.registry.AvroSerializer;

/**
 * The load of {@code gigwatch bench gateway}, run in a process of its own: the same order events either POSTed to
 * the gateway in batches over keep-alive HTTP from several connections ({@code gateway}), or sent by a raw
 * KafkaProducer with the gateway's producer settings and the same Avro serde ({@code raw}): as fast as it goes, all
 * sent then one flush; or, at a given rate, in the same batches from as many threads, each waiting for its batch's
 * acknowledgements as the gateway does (the latency yardstick). Events are built before
 * the clock starts; the result is one line, {@code RESULT events=... seconds=... p50ms=... p99ms=... failed=...}.
 *
 * <pre>
 * GatewayLoad gateway &lt;url&gt; &lt;api key&gt; &lt;events&gt; &lt;batch&gt; &lt;connections&gt; &lt;events/s, 0 = as fast as it goes&gt; &lt;id prefix&gt;
 * GatewayLoad raw &lt;bootstrap&gt; &lt;registry url&gt; &lt;events&gt; &lt;batch&gt; &lt;connections&gt; &lt;events/s, 0 = as fast as it goes&gt; &lt;id prefix&gt;
 * </pre>
 */
final class GatewayLoad {
    static final String PLATFORM = "bench";
    private static final int WORKERS = 10_000;
    private static final String REGION = "330600";
    /** Batches each load process sends first, unmeasured, of events of its own. */
    private static final int WARM_UP_BATCHES = 40;

    public static void main(String[] args) throws Exception {
        String result = switch (args[0]) {
            case "gateway" -> viaGateway(URI.create(args[1] + "/v1/events/orders"), args[2], Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Double.parseDouble(args[6]), args[7]);
            case "raw" -> raw(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Double.parseDouble(args[6]), args[7]);
            default -> throw new IllegalArgumentException("mode: gateway or raw, got " + args[0]);
        };
        System.out.println(result);
        System.exit(0); // the HTTP client's selector thread would keep the JVM for a while
    }

    /** Event {@code i} of a run: the same for both modes. */
    static OrderEvent order(String prefix, int i, Instant base, String[] workerKeys) {
        int worker = i % WORKERS;
        return OrderEvent.newBuilder().setEventId(prefix + "-" + i).setPlatformId(PLATFORM).setWorkerId("w" + worker)
                .setWorkerKey(workerKeys[worker]).setRegion(REGION).setOccurredAt(base.plusMillis(i))
                .setOrderId("o" + prefix + "-" + i).setType(OrderEventType.DELIVERED).setBasePay(600L + i % 900)
                .setIncentivePay(i % 3 == 0 ? 200L : 0L).setTip(null).setDistanceMeters(1500L + i % 4000).build();
    }

    /** The plain JSON form the gateway takes (platformId left out: the API key says it). */
    static String json(OrderEvent e) {
        return "{\"eventId\":\"" + e.getEventId() + "\",\"workerId\":\"" + e.getWorkerId() + "\",\"workerKey\":\""
                + e.getWorkerKey() + "\",\"region\":\"" + e.getRegion() + "\",\"occurredAt\":\"" + e.getOccurredAt()
                + "\",\"orderId\":\"" + e.getOrderId() + "\",\"type\":\"" + e.getType() + "\",\"currency\":\"" + e.getCurrency()
                + "\",\"basePay\":" + e.getBasePay() + ",\"incentivePay\":" + e.getIncentivePay() + ",\"tip\":null"
                + ",\"distanceMeters\":" + e.getDistanceMeters() + "}";
    }

    private static List<OrderEvent> events(String prefix, int count) throws Exception {
        String[] workerKeys = new String[WORKERS];
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int w = 0; w < WORKERS; w++) {
            workerKeys[w] = HexFormat.of().formatHex(sha.digest(("bench-worker-" + w).getBytes(StandardCharsets.UTF_8)));
        }
        Instant base = Instant.now().minus(Duration.ofHours(1)); // inside any retention, never in the future
        List<OrderEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(order(prefix, i, base, workerKeys));
        }
        return events;
    }

    /**
     * Batches over {@code connections} keep-alive connections. With a rate, batch {@code n} is due at
     * {@code n * batch / rate} seconds and its latency counts from when it was due, so a late send is not hidden.
     */
    private static String viaGateway(URI uri, String key, int count, int batch, int connections, double rate, String prefix)
            throws Exception {
        List<byte[]> bodies = bodies(events(prefix, count), batch);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        BatchSender post = n -> {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(n))).build(), HttpResponse.BodyHandlers.discarding());
            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            return response.statusCode() == 200;
        };
        // warm this JVM up (its own events, not measured): a fresh JVM on a busy machine compiles for seconds
        List<byte[]> warmUp = bodies(events(prefix + "-warm", WARM_UP_BATCHES * batch), batch);
        for (byte[] body : warmUp) {
            http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        }
        return paced(count, bodies.size(), connections, rate > 0 ? Math.round(batch * 1e9 / rate) : 0, post) + " statuses=" + statuses;
    }

    private static List<byte[]> bodies(List<OrderEvent> events, int batch) {
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < events.size(); from += batch) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(events.size(), from + batch); i++) {
                body.append(i == from ? "" : ",").append(json(events.get(i)));
            }
            bodies.add(body.append(']').toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /** Sends batch {@code n}; false if it failed. */
    private interface BatchSender {
        boolean send(int n) throws Exception;
    }

    /**
     * Batches from {@code connections} threads. With an interval, batch {@code n} is due at {@code n * interval} and
     * its latency counts from when it was due, so a late send is not hidden; without, each goes as soon as a thread
     * is free.
     */
    private static String paced(int events, int batches, int connections, long intervalNanos, BatchSender sender) throws Exception {
        long[] latencies = new long[batches];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            running.add(senders.submit(() -> {
                for (int n; (n = next.getAndIncrement()) < batches; ) {
                    long due = start + n * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long sent = intervalNanos > 0 ? due : System.nanoTime();
                    if (!sender.send(n)) {
                        failed.incrementAndGet();
                    }
                    latencies[n] = System.nanoTime() - sent;
                }
                return null;
            }));
        }
        for (Future<?> thread : running) {
            thread.get();
        }
        long took = System.nanoTime() - start;
        senders.shutdown();
        Arrays.sort(latencies);
        return String.format(Locale.ROOT, "RESULT events=%d seconds=%.3f p50ms=%.1f p99ms=%.1f maxms=%.1f failed=%d",
                events, took / 1e9, percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6,
                latencies[latencies.length - 1] / 1e6, failed.get());
    }

    /** As fast as it goes (every event sent, then one flush), or at a rate in batches that each wait for their acks. */
    private static String raw(String bootstrap, String registryUrl, int count, int batch, int connections, double rate,
                              String prefix) throws Exception {
        List<OrderEvent> events = events(prefix, count);
        // the gateway's producer settings (EventPublisher)
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        try (Producer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            producer.partitionsFor(Topics.ORDERS); // metadata before the clock, as the gateway has it
            // warm this JVM up (its own events, not measured): a fresh JVM on a busy machine compiles for seconds
            for (OrderEvent event : events(prefix + "-warm", WARM_UP_BATCHES * batch)) {
                producer.send(record(event));
            }
            producer.flush();
            if (rate > 0) {
                int batches = (count + batch - 1) / batch;
                return paced(count, batches, connections, Math.round(batch * 1e9 / rate), n -> {
                    List<Future<RecordMetadata>> acks = new ArrayList<>(batch);
                    for (int i = n * batch; i < Math.min(count, (n + 1) * batch); i++) {
                        acks.add(producer.send(record(events.get(i))));
                    }
                    boolean ok = true;
                    for (Future<RecordMetadata> ack : acks) {
                        try {
                            ack.get();
                        } catch (ExecutionException e) {
                            ok = false;
                        }
                    }
                    return ok;
                }) + " statuses={}";
            }
            AtomicLong failed = new AtomicLong();
            long start = System.nanoTime();
            for (OrderEvent event : events) {
                producer.send(record(event), (metadata, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
            long took = System.nanoTime() - start;
            return String.format(Locale.ROOT, "RESULT events=%d seconds=%.3f p50ms=0 p99ms=0 maxms=0 failed=%d statuses={}",
                    count, took / 1e9, failed.get());
        }
    }

    private static ProducerRecord<String, SpecificRecord> record(OrderEvent event) {
        return new ProducerRecord<>(Topics.ORDERS, null, event.getOccurredAt().toEpochMilli(),
                Topics.workerKey(PLATFORM, event.getWorkerId()), event);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private GatewayLoad() {}
}
