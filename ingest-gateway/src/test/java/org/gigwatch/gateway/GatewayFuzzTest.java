package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.gigwatch.schemas.TopicSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated payloads over real HTTP to a running gateway in front of a real broker and registry: every
 * request must be answered, none with a 5xx (Kafka is up, so not even a 503), and the gateway must be healthy
 * and still take a valid batch afterwards.
 *
 * <p>Deterministic: request {@code i} is built from {@code new Random(seed * 1_000_003 + i)} alone, whatever the
 * order the pool sends them in; {@code -Dgigwatch.fuzz.seed=...} picks another seed and
 * {@code -Dgigwatch.fuzz.requests=...} another count. A failure names the seed and index to replay.
 */
class GatewayFuzzTest {
    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();
    @TempDir
    static Path dir;

    private static final long SEED = Long.getLong("gigwatch.fuzz.seed", 20251001L);
    private static final int REQUESTS = Integer.getInteger("gigwatch.fuzz.requests", 10_000);
    /** Small, so that oversized bodies are cheap to send. */
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int SENDERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HMAC = "0123456789abcdef".repeat(4);
    private static final List<String> KINDS = List.of("sessions", "orders", "payouts", "registrations", "quotas");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/cloudevents-batch+json", "application/cloudevents+json", "text/plain", "");

    private static IngestGateway gateway;
    private static String apiKey;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        TopicSetup.ensureAll(kafka.admin());
        apiKey = PlatformKeys.open(dir.resolve("platform-keys")).issue("meituan");
        gateway = IngestGateway.start(GatewayConfig.of(kafka.bootstrapServers(), registry.url(), dir.resolve("platform-keys"))
                .withPort(0).withMaxBodyBytes(MAX_BODY_BYTES));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void noPayloadGetsA5xxAndTheGatewayStaysHealthy() throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int index = i;
                sent.add(pool.submit(() -> {
                    Payload payload = payload(index);
                    try {
                        HttpResponse<byte[]> response = http.send(payload.request(), HttpResponse.BodyHandlers.ofByteArray());
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() >= 500) {
                            failures.add("seed %d index %d (%s): %d %s".formatted(SEED, index, payload.what(),
                                    response.statusCode(), new String(response.body(), StandardCharsets.UTF_8)));
                        }
                    } catch (Exception e) {
                        failures.add("seed %d index %d (%s): not answered: %s".formatted(SEED, index, payload.what(), e));
                    }
                }));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }

        org.slf4j.LoggerFactory.getLogger(GatewayFuzzTest.class).info("{} payloads from seed {}: answers by status {}",
                REQUESTS, SEED, new java.util.TreeMap<>(statuses));
        assertThat(failures).as("requests answered with a 5xx or not at all; statuses %s", statuses).isEmpty();
        assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(REQUESTS);
        // the mix really exercised both sides: events taken and payloads refused
        assertThat(statuses).containsKeys(200, 400, 413, 422);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> valid = http.send(post("sessions", "application/json",
                JSON.writeValueAsBytes(batch(new Random(SEED), "sessions", "after-fuzz", 3))), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(valid.statusCode()).isEqualTo(200);
    }

    // --- payloads ---

    record Payload(String what, HttpRequest request) {}

    private static Payload payload(int index) {
        Random random = new Random(SEED * 1_000_003L + index);
        String kind = pick(random, KINDS);
        String id = "fz-" + SEED + "-" + index;
        try {
            int choice = random.nextInt(100);
            String contentType = random.nextInt(4) == 0 ? pick(random, CONTENT_TYPES) : "application/json";
            if (choice < 12) {
                ArrayNode events = batch(random, kind, id, 1 + random.nextInt(5));
                return payload("valid batch", kind, contentType, maybeCloudEvents(random, kind, events, contentType));
            }
            if (choice < 20) {
                byte[] valid = JSON.writeValueAsBytes(batch(random, kind, id, 1 + random.nextInt(5)));
                return payload("truncated JSON", kind, contentType, Arrays.copyOf(valid, random.nextInt(valid.length)));
            }
            if (choice < 32) {
                ArrayNode events = batch(random, kind, id, 1 + random.nextInt(3));
                ObjectNode event = (ObjectNode) events.get(random.nextInt(events.size()));
                String field = pick(random, fieldNames(event));
                return payload("huge number in " + field, kind, contentType,
                        JSON.writeValueAsString(events).replace(JSON.writeValueAsString(event.get(field)), hugeNumber(random))
                                .getBytes(StandardCharsets.UTF_8));
            }
            if (choice < 44) {
                ArrayNode events = batch(random, kind, id, 1 + random.nextInt(3));
                ObjectNode event = (ObjectNode) events.get(random.nextInt(events.size()));
                String field = pick(random, fieldNames(event));
                event.set(field, randomValue(random, 3));
                return payload("wrong type in " + field, kind, contentType, maybeCloudEvents(random, kind, events, contentType));
            }
            if (choice < 50) {
                int depth = 1 + random.nextInt(random.nextBoolean() ? 50 : 3000);
                StringBuilder body = new StringBuilder("[");
                boolean objects = random.nextBoolean();
                body.append((objects ? "{\"a\":" : "[").repeat(depth)).append("1").append((objects ? "}" : "]").repeat(depth));
                if (random.nextInt(4) > 0) {
                    body.append("]");
                }
                return payload("nesting " + depth, kind, contentType, body.toString().getBytes(StandardCharsets.UTF_8));
            }
            if (choice < 52) {
                byte[] body = new byte[MAX_BODY_BYTES + 1 + random.nextInt(4096)];
                Arrays.fill(body, (byte) ' ');
                body[0] = '[';
                body[body.length - 1] = ']';
                return new Payload("oversized body", request(kind, contentType, body, random.nextBoolean(), true));
            }
            if (choice < 60) {
                byte[] body = JSON.writeValueAsBytes(batch(random, kind, id, 1 + random.nextInt(3)));
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    body[random.nextInt(body.length)] = (byte) (0x80 + random.nextInt(0x80));
                }
                return payload("invalid UTF-8", kind, contentType, body);
            }
            if (choice < 66) {
                byte[] body = new byte[random.nextInt(random.nextInt(10) == 0 ? 8192 : 64)];
                random.nextBytes(body);
                return payload("random bytes", kind, contentType, body);
            }
            if (choice < 76) {
                ArrayNode events = batch(random, kind, id, 1 + random.nextInt(3));
                ObjectNode event = (ObjectNode) events.get(random.nextInt(events.size()));
                String field = pick(random, fieldNames(event));
                JsonNode value = event.remove(field);
                String what = "dropped " + field;
                if (random.nextBoolean()) {
                    String renamed = mutate(random, field);
                    event.set(renamed, value);
                    what = "renamed " + field + " to " + renamed;
                }
                return payload(what, kind, contentType, maybeCloudEvents(random, kind, events, contentType));
            }
            if (choice < 88) {
                ArrayNode events = batch(random, kind, id, 1 + random.nextInt(3));
                ObjectNode event = (ObjectNode) events.get(random.nextInt(events.size()));
                String field = pick(random, fieldNames(event));
                event.put(field, mutate(random, event.get(field).isTextual() ? event.get(field).textValue() : event.get(field).toString()));
                return payload("mutated value of " + field, kind, contentType, maybeCloudEvents(random, kind, events, contentType));
            }
            if (choice < 95) {
                byte[] body = JSON.writeValueAsBytes(batch(random, kind, id, 1 + random.nextInt(3)));
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    body[random.nextInt(body.length)] = (byte) (0x20 + random.nextInt(0x5f));
                }
                return payload("flipped bytes", kind, contentType, body);
            }
            JsonNode root = randomValue(random, 4);
            String where = random.nextInt(5) == 0 ? mutate(random, kind) : kind;
            return new Payload("random JSON to " + where, request(where, contentType,
                    JSON.writeValueAsBytes(root), random.nextBoolean(), random.nextInt(10) > 0));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build payload " + index, e);
        }
    }

    private static Payload payload(String what, String kind, String contentType, byte[] body) {
        return new Payload(what, request(kind, contentType, body, false, true));
    }

    private static Payload payload(String what, String kind, String contentType, JsonNode body) throws Exception {
        return payload(what, kind, contentType, JSON.writeValueAsBytes(body));
    }

    /** As CloudEvents when the content type says so (one event for the single form, then unwrapped). */
    private static JsonNode maybeCloudEvents(Random random, String kind, ArrayNode events, String contentType) {
        if (!contentType.startsWith("application/cloudevents")) {
            return events;
        }
        ArrayNode wrapped = NODES.arrayNode();
        for (JsonNode event : events) {
            ObjectNode data = ((ObjectNode) event).deepCopy();
            ObjectNode cloudEvent = NODES.objectNode();
            cloudEvent.put("specversion", random.nextInt(10) == 0 ? "0.3" : "1.0");
            cloudEvent.set("id", data.remove("eventId"));
            cloudEvent.put("source", "/meituan/dispatch");
            cloudEvent.put("type", "org.gigwatch." + singular(random.nextInt(10) == 0 ? pick(random, KINDS) : kind) + ".v1");
            cloudEvent.set("time", data.remove("occurredAt"));
            cloudEvent.set("data", data);
            wrapped.add(cloudEvent);
        }
        return contentType.equals("application/cloudevents+json") ? wrapped.get(0) : wrapped;
    }

    private static String singular(String kind) {
        return kind.substring(0, kind.length() - 1);
    }

    private static HttpRequest request(String kind, String contentType, byte[] body, boolean chunked, boolean authorized) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/events/" + java.net.URLEncoder.encode(kind, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(60))
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (authorized) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request.build();
    }

    private static HttpRequest post(String kind, String contentType, byte[] body) {
        return request(kind, contentType, body, false, true);
    }

    /** Valid events of a kind: the seeds every mutation starts from. */
    private static ArrayNode batch(Random random, String kind, String id, int size) {
        ArrayNode events = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            ObjectNode event = NODES.objectNode();
            event.put("eventId", id + "-" + i);
            if (random.nextBoolean()) {
                event.put("platformId", "meituan");
            }
            if (!kind.equals("quotas")) {
                event.put("workerId", "w" + random.nextInt(100));
                if (random.nextBoolean()) {
                    event.put("workerKey", HMAC);
                }
            }
            event.put("region", pick(random, List.of("310000", "330300", "330600", "370400", "530100")));
            event.put("occurredAt", "2025-10-%02dT%02d:%02d:00+08:00".formatted(1 + random.nextInt(28), random.nextInt(24), random.nextInt(60)));
            switch (kind) {
                case "sessions" -> event.put("type", pick(random, List.of("LOGIN", "LOGOUT", "BREAK_START", "BREAK_END", "INCIDENT")));
                case "orders" -> {
                    event.put("orderId", "o" + random.nextInt(1000));
                    event.put("type", "DELIVERED");
                    event.put("basePay", random.nextInt(5000));
                    event.put("tip", random.nextInt(500));
                    event.put("distanceMeters", random.nextInt(20000));
                }
                case "payouts" -> {
                    event.put("payoutId", "p" + random.nextInt(1000));
                    event.put("periodStart", "2025-09-01");
                    event.put("periodEnd", "2025-09-30");
                    event.put("paidAt", "2025-10-05T10:00:00+08:00");
                    ArrayNode lines = event.putArray("lines");
                    lines.addObject().put("type", "BASE").put("amount", random.nextInt(100_000));
                }
                case "registrations" -> {
                    event.put("category", pick(random, EventKind.REGISTRATIONS.schema().getField("category").schema().getEnumSymbols()));
                    event.put("homeRegion", "330600");
                }
                case "quotas" -> {
                    event.put("role", "rider");
                    event.put("ordersPerDay", random.nextInt(60));
                    event.put("effectiveFrom", "2025-10-01");
                }
                default -> throw new IllegalArgumentException(kind);
            }
            events.add(event);
        }
        return events;
    }

    private static String hugeNumber(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "9".repeat(1 + random.nextInt(2000));
            case 1 -> "-" + BigInteger.TWO.pow(63 + random.nextInt(200));
            case 2 -> "1e" + random.nextInt(1_000_000);
            case 3 -> "-1.5e-" + random.nextInt(400);
            case 4 -> String.valueOf(Long.MAX_VALUE);
            default -> "0." + "3".repeat(1 + random.nextInt(1500));
        };
    }

    private static JsonNode randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(600) - 300));
            case 4 -> NODES.textNode(randomText(random));
            case 5 -> NODES.textNode("");
            case 6 -> NODES.numberNode(new BigInteger(200, random));
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomText(random), randomValue(random, depth - 1));
                }
                yield object;
            }
        };
    }

    /** Text with what platforms get wrong: controls, lone surrogates, emoji, digits that look like an id number. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(random.nextInt(20) == 0 ? 5000 : 24); i > 0; i--) {
            switch (random.nextInt(8)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                case 2 -> text.appendCodePoint(0x1F600 + random.nextInt(50));
                case 3 -> text.append("33060219900101123X");
                case 4 -> text.append((char) (0x4E00 + random.nextInt(0x5000)));
                default -> text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    private static String mutate(Random random, String text) {
        return switch (random.nextInt(7)) {
            case 0 -> text.isEmpty() ? "x" : text.substring(0, random.nextInt(text.length()));
            case 1 -> text.toUpperCase(java.util.Locale.ROOT);
            case 2 -> text + randomText(random);
            case 3 -> " " + text;
            case 4 -> "";
            case 5 -> text.repeat(1 + random.nextInt(50));
            default -> randomText(random);
        };
    }

    private static List<String> fieldNames(JsonNode event) {
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }
}
