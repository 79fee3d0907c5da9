package org.gigwatch.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.streams.pay.PayConfig;
import org.gigwatch.streams.pay.PayTopology;
import org.gigwatch.streams.platform.PlatformTopology;
import org.gigwatch.streams.platform.TripHttp;
import org.gigwatch.streams.platform.TripQueries;
import org.gigwatch.streams.workingtime.StreamClock;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.gigwatch.streams.workingtime.WorkingTimeHttp;
import org.gigwatch.streams.workingtime.WorkingTimeQueries;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams app while it runs: the working-time topology, the pay topology and the platform topology (three Kafka
 * Streams applications: the pay rules read the working time the first writes to gigwatch.worktime.days; the platform
 * rules, QUOTA and INJURY_RESPONSIBILITY, read the events), a printer of the violations they commit, optionally the
 * working-time queries ({@link WorkingTimeHttp}) and the trip query ({@link TripHttp}) over HTTP, and a
 * {@link StreamClock}. Used by
 * {@code gigwatch streams} and by the demo. Topics must exist.
 */
final class StreamsRun implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamsRun.class);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * What the clock ticks into: every input of the three apps but the rule data, so that no partition of a task stays
     * empty for long and a task can wait for each (see {@code taskIdle}).
     */
    static final List<String> TICKED_TOPICS = List.of(Topics.SESSIONS, Topics.ORDERS, Topics.PAYOUTS, Topics.REGISTRATIONS,
            Topics.QUOTAS, Topics.WORKING_DAYS);

    private final WorkingTimeConfig config;
    private final String bootstrapServers;
    private final ViolationPrinter printer;
    private final KafkaStreams streams;
    private final WorkingTimeHttp http;
    private final KafkaStreams pay;
    private final KafkaStreams platform;
    private final TripHttp tripHttp;
    private ScheduledExecutorService clockTimer;
    private StreamClock clock;
    private boolean closed;
    /** The late-event count when the apps closed (their metrics go with them). */
    private long lateAtClose;
    private volatile boolean failed;

    /**
     * Starts the printer (at the current end of the violations topic), then the streams app.
     *
     * @param grace     how late an event may come and still count, in both apps
     * @param taskIdle  how long a task waits for an empty input partition before going on without it, in all three
     *                  apps ({@link WorkingTimeTopology#TASK_IDLE} live)
     * @param http      where to serve the interactive queries ({@code host:port}, port 0: a free one); null: not served
     * @param lines     where violation lines and failures go
     * @param onFailure called (on a stream thread) if the streams app fails and shuts down
     */
    StreamsRun(String bootstrapServers, String registryUrl, RulePack pack, Path stateDir, String applicationId, Duration grace,
               Duration taskIdle, HostInfo http, Consumer<String> lines, Runnable onFailure) throws Exception {
        this.bootstrapServers = bootstrapServers;
        config = WorkingTimeConfig.defaults(registryUrl).withRules(pack).withGrace(grace);
        Files.createDirectories(stateDir);
        Properties props = WorkingTimeTopology.streamsProperties(bootstrapServers, stateDir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, taskIdle.toMillis());
        Properties payProps = PayTopology.streamsProperties(bootstrapServers, stateDir.toString());
        payProps.put(StreamsConfig.APPLICATION_ID_CONFIG, payApplicationId(applicationId));
        payProps.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, taskIdle.toMillis());
        Properties platformProps = PlatformTopology.streamsProperties(bootstrapServers, stateDir.toString());
        platformProps.put(StreamsConfig.APPLICATION_ID_CONFIG, platformApplicationId(applicationId));
        platformProps.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, taskIdle.toMillis());
        printer = new ViolationPrinter(bootstrapServers, registryUrl, pack, lines);
        WorkingTimeHttp server = null;
        TripHttp trips = null;
        try {
            // the HTTP server first: its address is the app's application.server, where queries for its keys go
            server = http == null ? null : WorkingTimeHttp.start(http.host(), http.port());
            if (server != null) {
                props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.hostInfo().host() + ":" + server.port());
            }
            streams = new KafkaStreams(WorkingTimeTopology.buildTopology(config), props);
            if (server != null) {
                server.serve(new WorkingTimeQueries(streams, server.hostInfo(), pack));
            }
            pay = new KafkaStreams(PayTopology.buildTopology(PayConfig.defaults(registryUrl).withRules(pack).withGrace(grace)), payProps);
            // the trip query on a server of its own (a free port on the same host): its app has its own stores and hosts
            trips = http == null ? null : TripHttp.start(http.host(), 0);
            if (trips != null) {
                platformProps.put(StreamsConfig.APPLICATION_SERVER_CONFIG, trips.hostInfo().host() + ":" + trips.hostInfo().port());
            }
            platform = new KafkaStreams(PlatformTopology.buildTopology(config), platformProps);
            if (trips != null) {
                trips.serve(new TripQueries(platform, trips.hostInfo(), config.personRetention()));
            }
            for (KafkaStreams app : List.of(streams, pay, platform)) {
                app.setUncaughtExceptionHandler(e -> {
                    log.error("the streams app failed", e);
                    lines.accept("(the streams app failed and stops: " + e + ")");
                    failed = true;
                    onFailure.run();
                    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
            }
            streams.start();
            pay.start();
            platform.start();
            this.http = server;
            this.tripHttp = trips;
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (trips != null) {
                trips.close();
            }
            printer.close();
            throw e;
        }
    }

    /** The pay app's application id next to the working-time app's: gigwatch-pay for the default one. */
    static String payApplicationId(String workingTimeApplicationId) {
        return workingTimeApplicationId.equals(WorkingTimeTopology.APPLICATION_ID) ? PayTopology.APPLICATION_ID
                : workingTimeApplicationId + "-pay";
    }

    /** The platform app's application id next to the working-time app's: gigwatch-platform for the default one. */
    static String platformApplicationId(String workingTimeApplicationId) {
        return workingTimeApplicationId.equals(WorkingTimeTopology.APPLICATION_ID) ? PlatformTopology.APPLICATION_ID
                : workingTimeApplicationId + "-platform";
    }

    /** The grace period of the running topology: how late an event may come and still count. */
    Duration grace() {
        return config.grace();
    }

    /** Whether the streams app failed (and shut itself down). */
    boolean failed() {
        return failed;
    }

    /**
     * Waits until the three apps have their partitions and state (RUNNING). A producer that starts before then builds a
     * backlog that the first fetches hand over topic by topic, and stream time runs ahead on the topic fetched first.
     */
    void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Stream.of(streams, pay, platform).anyMatch(app -> app.state() != KafkaStreams.State.RUNNING)) {
            if (failed || System.nanoTime() > deadline) {
                throw new IllegalStateException("the streams apps are not running after " + timeout.toSeconds()
                        + " s (working time " + streams.state() + ", pay " + pay.state() + ", platform " + platform.state() + ")");
            }
            Thread.sleep(50);
        }
    }

    /** Events the three apps judged late (written to gigwatch.events.late), from their late-events sensors. */
    synchronized long lateEvents() {
        if (closed) {
            return lateAtClose;
        }
        return lateEvents(streams) + lateEvents(pay) + lateEvents(platform);
    }

    private static long lateEvents(KafkaStreams app) {
        return app.metrics().values().stream().filter(metric -> metric.metricName().name().equals("late-events-total"))
                .mapToLong(metric -> ((Number) metric.metricValue()).longValue()).sum();
    }

    /** The query URL pattern, e.g. {@code http://127.0.0.1:8080/workers/{key}/working-time}; null if not served. */
    String queryUrl() {
        return http == null ? null : http.url() + "/workers/{key}/working-time";
    }

    /** The trip query URL pattern, e.g. {@code http://127.0.0.1:39012/persons/{workerKey}/trip?at=<instant>}; null if not served. */
    String tripQueryUrl() {
        return tripHttp == null ? null : tripHttp.url() + "/persons/{workerKey}/trip?at=<ISO instant>";
    }

    ViolationPrinter printer() {
        return printer;
    }

    KafkaStreams streams() {
        return streams;
    }

    /**
     * Every {@code period}, asks {@code now} for the clock's time and writes a tick there to every partition of the
     * {@link #TICKED_TOPICS}, but only when that time has moved on since the last tick:
     * ticks never go back and are never repeated.
     */
    synchronized void startClock(Duration period, LongSupplier now) {
        if (clockTimer != null) {
            return;
        }
        clock = new StreamClock(new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "gigwatch-stream-clock"),
                new StringSerializer(), new ByteArraySerializer()), TICKED_TOPICS);
        clockTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gigwatch-stream-clock");
            t.setDaemon(true);
            return t;
        });
        long[] last = {Long.MIN_VALUE};
        clockTimer.scheduleAtFixedRate(() -> {
            try {
                long at = now.getAsLong();
                if (at > last[0]) {
                    clock.tick(at);
                    last[0] = at;
                }
            } catch (RuntimeException e) {
                log.warn("stream clock tick failed; the next one will try again", e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Clock first (no ticks into a closing app), then the streams app (with a timeout), then the printer. */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            if (closed) {
                return;
            }
            lateAtClose = lateEvents();
            log.info("late events: working time {}, pay {}, platform {}", lateEvents(streams), lateEvents(pay), lateEvents(platform));
            closed = true;
            if (clockTimer != null) {
                clockTimer.shutdownNow();
                clockTimer.awaitTermination(5, TimeUnit.SECONDS);
                clock.close();
                clockTimer = null;
            }
        }
        try {
            // Leave the group: Kafka Streams stays in it by default (for rolling bounces of many instances), so the next
            // start of this single instance (a demo rerun, a restarted command) would wait for the old member's
            // session to time out before it got any partitions.
            for (KafkaStreams app : List.of(platform, pay, streams)) {
                if (!app.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP))) {
                    log.warn("the streams app did not close within {}", CLOSE_TIMEOUT);
                }
            }
        } finally {
            if (http != null) {
                http.close();
            }
            if (tripHttp != null) {
                tripHttp.close();
            }
            printer.close();
        }
    }
}
