package org.gigwatch.gateway;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.gigwatch.schemas.rules.Region;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API platforms push events through.
 *
 * <ul>
 *   <li>{@code POST /v1/events/{sessions|orders|payouts|registrations|quotas}}: a JSON array of events in the plain
 *       form, {@code Authorization: Bearer <api key>}. 200 when every event was accepted, 207 when some were, 422
 *       when none were; the body is {@code {"accepted": n, "duplicates": d, "rejected": [{index, eventId, field,
 *       reason}], "deadLettered": [{index, eventId, reason}]}}. 2xx means Kafka acknowledged every accepted (and
 *       dead-lettered) event; 503 with Retry-After means retry the batch. {@code application/cloudevents-batch+json}
 *       and {@code application/cloudevents+json} take CloudEvents 1.0 structured JSON instead ({@link CloudEvents}).</li>
 *   <li>{@code GET /health}: the process runs. {@code GET /ready}: Kafka answers. {@code GET /metrics}: Prometheus.
 *       {@code GET /openapi.yaml}, {@code /openapi.json}: this API described in OpenAPI 3.1.</li>
 * </ul>
 */
public final class IngestGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Seconds a platform should wait before retrying after a 503: long enough for a broker to fail over. */
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final String EVENTS = "/v1/events/{kind}";
    private static final String STARTED = "gigwatch.started";
    /** Request line plus headers. */
    private static final int MAX_REQUEST_HEAD_BYTES = 64 * 1024;

    private final GatewayConfig config;
    private final PlatformKeys keys;
    private final EventPublisher publisher;
    private final BatchIntake intake;
    private final PlainBatchReader plainReader = new PlainBatchReader();
    private final GatewayMetrics metrics = new GatewayMetrics();
    /** Null when there is no rate limit. */
    private final PlatformRateLimits rateLimits;
    /** Bounds what waits for Kafka: when it is slow, new batches are refused instead of queued. */
    private final Semaphore inFlight;
    private final Admin admin;
    private final Javalin http;

    private IngestGateway(GatewayConfig config) {
        this.config = config;
        this.keys = PlatformKeys.open(config.platformKeys());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
        Map<EventKind, Duration> retention;
        try {
            retention = config.retention() != null
                    ? Arrays.stream(EventKind.values()).collect(Collectors.toMap(kind -> kind, kind -> config.retention()))
                    : TopicRetention.read(admin, config.ackTimeout());
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
        this.publisher = new EventPublisher(config.bootstrapServers(), config.schemaRegistryUrl(), config.ackTimeout(), config.clock());
        this.intake = new BatchIntake(EventValidators.standard(
                config.rulePack().regions().stream().map(Region::code).toList(), config.clock(), config.futureTolerance(), retention),
                publisher, new RecentEventIds(config.duplicateWindow(), config.duplicateCapacity(), config.clock()),
                config.ackTimeout().multipliedBy(2), metrics);
        this.rateLimits = config.rateLimit() == null ? null : new PlatformRateLimits(config.rateLimit());
        this.inFlight = new Semaphore(config.maxInFlightBatches());
        this.http = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            // Jetty closes the connection on a request line or headers above this, and a client still sending
            // sees a reset rather than the 414/431; 64 KiB lets a wrong, long path be read and answered 404.
            javalin.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEAD_BYTES));
        });
        http.post(EVENTS, this::postEvents);
        timed(http, EVENTS);
        http.get("/health", ctx -> respond(ctx, HttpStatus.OK, Map.of("status", "UP")));
        http.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        http.get("/ready", this::ready);
        http.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(ApiDocument.yaml()));
        http.get("/openapi.json", ctx -> ctx.contentType("application/json").result(ApiDocument.json()));
        http.exception(Refusal.class, (refusal, ctx) -> refusal.answer(ctx));
        http.exception(Exception.class, this::failed);
    }

    /** Starts a gateway; {@link #close()} stops it. */
    public static IngestGateway start(GatewayConfig config) {
        IngestGateway gateway = new IngestGateway(config);
        try {
            gateway.http.start(config.host(), config.port());
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        LOG.info("ingest gateway listening on http://{}:{}", config.host(), gateway.port());
        return gateway;
    }

    /** The port it listens on (the one picked when the configured port was 0). */
    public int port() {
        return http.port();
    }

    /** Batch latency as the platform sees it, whatever the answer: "after" runs once the status is final. */
    private void timed(Javalin http, String path) {
        http.before(path, ctx -> ctx.attribute(STARTED, System.nanoTime()));
        http.after(path, ctx -> {
            Long started = ctx.attribute(STARTED);
            String kind = EventKind.fromPath(ctx.pathParam("kind")).map(EventKind::path).orElse("none");
            metrics.batch(kind, ctx.statusCode(), Duration.ofNanos(System.nanoTime() - started));
        });
    }

    private void postEvents(Context ctx) throws IOException {
        String platformId = authenticate(ctx);
        EventKind kind = EventKind.fromPath(ctx.pathParam("kind")).orElseThrow(() -> new Refusal(HttpStatus.NOT_FOUND,
                error("no such event kind; expected sessions, orders, payouts, registrations or quotas")));
        List<BatchIntake.Read> batch = readBatch(ctx, platformId, kind);
        limitRate(platformId, kind, batch.size());
        if (!inFlight.tryAcquire()) {
            throw Refusal.unavailable("too many batches are waiting for Kafka: retry later");
        }
        metrics.inFlight().incrementAndGet();
        try {
            BatchIntake.Outcome outcome = intake.take(platformId, kind, batch);
            HttpStatus status = outcome.rejected().isEmpty() && outcome.deadLettered().isEmpty() ? HttpStatus.OK
                    : outcome.accepted() > 0 || !outcome.deadLettered().isEmpty() ? HttpStatus.MULTI_STATUS
                    : HttpStatus.UNPROCESSABLE_CONTENT;
            respond(ctx, status, outcome);
        } catch (NotAcknowledgedException e) {
            LOG.warn("batch of {} {} from {} not acknowledged: {}", batch.size(), kind.path(), platformId, e.getMessage());
            throw Refusal.unavailable("Kafka did not acknowledge the batch in time: retry it (events already taken are not written twice)");
        } finally {
            metrics.inFlight().decrementAndGet();
            inFlight.release();
        }
    }

    /** A 429 when the platform has sent more than its rate allows; the batch is not looked at. */
    private void limitRate(String platformId, EventKind kind, int events) {
        if (rateLimits == null) {
            return;
        }
        rateLimits.take(platformId, events).ifPresent(wait -> {
            metrics.rateLimited(kind, events);
            GatewayConfig.RateLimit limit = config.rateLimit();
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new Refusal(HttpStatus.TOO_MANY_REQUESTS, error("rate limit of " + limit.eventsPerSecond()
                    + " events/s (burst " + limit.burst() + ") exceeded for platform " + platformId + ": retry the batch in "
                    + seconds + " s")).header("Retry-After", String.valueOf(seconds));
        });
    }

    /** The routes the server answers, as "METHOD /path" (the OpenAPI document must describe each). */
    List<String> routes() {
        return http.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(ParsedEndpoint::getEndpoint)
                .filter(endpoint -> endpoint.getMethod().isHttpMethod())
                .map(endpoint -> endpoint.getMethod().name() + " " + endpoint.getPath())
                .toList();
    }

    /** The platform the bearer key belongs to: the only source of the platform id. */
    private String authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String key = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : null;
        return keys.platformOf(key).orElseThrow(() -> new Refusal(HttpStatus.UNAUTHORIZED,
                error("a valid API key is required: Authorization: Bearer <api key>"))
                .header("WWW-Authenticate", "Bearer realm=\"gigwatch\""));
    }

    /**
     * The body's events read, or a 400 or 413 saying what is wrong with it. A single CloudEvent
     * ({@code application/cloudevents+json}) is a batch of one.
     */
    private List<BatchIntake.Read> readBatch(Context ctx, String platformId, EventKind kind) throws IOException {
        // read with our own bound: Javalin's maxRequestSize trusts Content-Length, and a chunked body has none
        byte[] body = ctx.req().getInputStream().readNBytes(config.maxBodyBytes() + 1);
        if (body.length > config.maxBodyBytes()) {
            throw new Refusal(HttpStatus.CONTENT_TOO_LARGE, error("a request body holds at most " + config.maxBodyBytes() + " bytes"));
        }
        // CloudEvents by their content types; anything else (application/json, none, ...) is the plain form
        String media = CloudEvents.mediaType(ctx.header("Content-Type"));
        if (!media.equals(CloudEvents.BATCH) && !media.equals(CloudEvents.EVENT)) {
            PlainBatchReader.Batch batch = plainReader.read(body, kind, platformId, config.maxBatchSize());
            if (batch == null) {
                // not a well-formed array: the tree says why (a malformed body throws), as it did before streaming
                if (readTree(body) instanceof ArrayNode) {
                    throw new IllegalStateException("the streaming reader refused a well-formed array");
                }
                throw new Refusal(HttpStatus.BAD_REQUEST, error("expected a JSON array of events"));
            }
            checkSize(batch.size());
            return batch.events();
        }
        JsonNode batch = readTree(body);
        if (media.equals(CloudEvents.EVENT)) {
            if (batch == null || !batch.isObject()) {
                throw new Refusal(HttpStatus.BAD_REQUEST, error("expected one CloudEvent, a JSON object (" + CloudEvents.EVENT + ")"));
            }
            batch = JSON.createArrayNode().add(batch);
        } else if (batch == null || !batch.isArray()) {
            throw new Refusal(HttpStatus.BAD_REQUEST, error("expected a JSON array of CloudEvents (" + CloudEvents.BATCH + ")"));
        }
        checkSize(batch.size());
        return intake.readCloudEvents(platformId, kind, batch);
    }

    private static JsonNode readTree(byte[] body) throws IOException {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Refusal(HttpStatus.BAD_REQUEST, malformed(e));
        }
    }

    private void checkSize(int events) {
        if (events > config.maxBatchSize()) {
            throw new Refusal(HttpStatus.CONTENT_TOO_LARGE,
                    error("a batch holds at most " + config.maxBatchSize() + " events, this one has " + events));
        }
    }

    /** A request answered with an error; thrown by the steps of a request, answered in one place. */
    private static final class Refusal extends RuntimeException {
        private final HttpStatus status;
        private final Map<String, Object> body;
        private final Map<String, String> headers = new LinkedHashMap<>();

        Refusal(HttpStatus status, Map<String, Object> body) {
            super(null, null, false, false); // a response, not a failure: no stack trace
            this.status = status;
            this.body = body;
        }

        /** Kafka cannot take more now; the batch is safe to retry as it is. */
        static Refusal unavailable(String message) {
            return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, error(message)).header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }

        Refusal header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        void answer(Context ctx) {
            headers.forEach(ctx::header);
            respond(ctx, status, body);
        }
    }

    private void ready(Context ctx) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(3, TimeUnit.SECONDS);
            respond(ctx, HttpStatus.OK, Map.of("status", "READY"));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            respond(ctx, HttpStatus.SERVICE_UNAVAILABLE, Map.of("status", "NOT_READY", "reason", "Kafka does not answer"));
        }
    }

    /** Javalin's own refusals (a 405, say) keep their status; anything else is our bug. */
    private void failed(Exception e, Context ctx) {
        if (e instanceof HttpResponseException refusal) {
            respond(ctx, HttpStatus.forStatus(refusal.getStatus()), error(refusal.getMessage()));
            return;
        }
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        respond(ctx, HttpStatus.INTERNAL_SERVER_ERROR, error("internal error"));
    }

    /** Where the parser stopped, so a platform can find the fault in a batch of a thousand events. */
    private static Map<String, Object> malformed(JsonProcessingException e) {
        Map<String, Object> body = new LinkedHashMap<>(error("malformed JSON: " + e.getOriginalMessage()));
        JsonLocation at = e.getLocation();
        if (at != null) {
            body.put("line", at.getLineNr());
            body.put("column", at.getColumnNr());
        }
        return body;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    private static void respond(Context ctx, HttpStatus status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body", e);
        }
    }

    @Override
    public void close() {
        http.stop();
        admin.close();
        publisher.close();
    }
}
