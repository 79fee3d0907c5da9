package org.gigwatch.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.gigwatch.alerts.Accounts;
import org.gigwatch.alerts.AlertsService;
import org.gigwatch.alerts.RoutingTopology;
import org.apache.kafka.streams.state.HostInfo;
import org.gigwatch.embedded.KafkaBroker;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.SimulatorConfig;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything on one machine: a real KRaft broker in this JVM, the schema registry as a child process, the
 * shipped rule data, the working-time streams app with its violations printed as they come, the alerts service
 * (router and regulator console, with a demo login per city), the ingest gateway for people to try (the simulator
 * writes to Kafka directly), and the simulator driving live traffic, with a status line read back from the broker.
 * Closed in reverse: simulator, gateway, alerts, streams app, rates, registry, broker.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run gigwatch on one machine with live simulated traffic until Ctrl-C or --duration.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "./data", description = "Where the broker and registry keep their data; kept across runs (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--duration", description = "Stop after this long, e.g. 60s or 10m (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--port", defaultValue = "0", description = "Broker port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    RulesOption rules;

    @Mixin
    SimulationOptions simulation;

    private static final DateTimeFormatter SIMULATED_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Wall time the demo's grace period lasts at least, whatever the speed: see {@link #grace}. */
    private static final Duration DEMO_GRACE_WALL = Duration.ofSeconds(2);
    /**
     * How long a task waits for an empty input partition here (live: {@link WorkingTimeTopology#TASK_IDLE}, 2 s).
     * A stream thread processes its tasks' buffered records without polling for as long as any task has some: on a
     * busy machine that ran over 2 s, a task whose orders partition had emptied gave up waiting (its lag as of the
     * last fetch was 0, but the orders were on the broker) and took its buffered sessions, hours of simulated time
     * ahead at 3600x: 10,744 of 53,421 orders of a 30 s demo went late. The clock ticks every input of the apps
     * ({@link StreamsRun#TICKED_TOPICS}) each simulated minute, so no partition stays empty for long, and a task can
     * afford to wait a minute of wall time for each before it goes on without it.
     */
    static final Duration DEMO_TASK_IDLE = Duration.ofSeconds(60);

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        try (ShutdownHook hook = new ShutdownHook("gigwatch-demo-shutdown", stop, Duration.ofSeconds(30))) {
            return run(stop);
        }
    }

    /** Runs until {@code stop} (Ctrl-C, --duration, a failed part), then closes everything in reverse order. */
    private int run(CountDownLatch stop) throws Exception {
        Deque<AutoCloseable> running = new ArrayDeque<>();
        StreamsRun streams = null;
        try {
            long t0 = System.nanoTime();
            KafkaBroker broker = KafkaBroker.start(data.resolve("kafka"), port);
            running.push(broker);
            out.printf("kafka broker     %s  (KRaft, data %s, %d ms)%n", broker.bootstrapServers(),
                    data.resolve("kafka").toAbsolutePath().normalize(), millisSince(t0));

            t0 = System.nanoTime();
            SchemaRegistryServer registry = SchemaRegistryServer.startPersistent(data.resolve("registry"));
            running.push(registry);
            out.printf("schema registry  %s  (%d ms)%n", registry.url(), millisSince(t0));

            RulePack pack = rules.pack();
            ZoneId zone = pack.regions().get(0).zone();
            Optional<LocalDate> firstFreeDay;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                int created = TopicSetup.ensureAll(admin).size();
                out.printf("topics           %d (%d new)%n", Topics.ALL.size(), created);
                firstFreeDay = SimulationResume.firstFreeDay(admin, Topics.EVENT_TOPICS, zone);
            }
            int published = RuleData.publish(pack, broker.bootstrapServers(), registry.url());
            out.printf("rule data        %d entries from rule pack %s published to gigwatch.rules.*%n", published, pack.name());

            EventRates rates = new EventRates(broker.bootstrapServers(), Topics.EVENT_TOPICS);
            running.push(rates);
            StatusLine status = new StatusLine(out, rates::totals, () -> rates.latestEventTime()
                    .map(t -> " | simulated " + SIMULATED_CLOCK.format(t.atZone(zone))).orElse(""));

            t0 = System.nanoTime();
            Path stateDir = data.resolve("streams");
            streams = new StreamsRun(broker.bootstrapServers(), registry.url(), pack, stateDir,
                    WorkingTimeTopology.APPLICATION_ID, grace(simulation.speed), DEMO_TASK_IDLE, new HostInfo("127.0.0.1", 0), status::printAbove, stop::countDown); // a failed app ends the demo
            running.push(streams);
            // The stream clock must follow SIMULATED time: the live simulator runs at --speed (3600x by default), so a
            // wall-clock tick would lie hours behind (or, with --from in the past, days away from) the events' times.
            // Its time is the event time that both clock topics (sessions and orders) have reached, read back from
            // the broker (EventRates), floored to the minute: a tick each simulated minute (polled at most 20 times a
            // wall second, as one simulated minute is 17 ms at 3600x). Why the latest event seen and not the
            // simulator's own clock: the simulator emits in event-time order, so anything still to come is at least
            // as new as what was already read back; events still in the simulator's producer buffer may be a little
            // older, and are late only if older than the tick by more than the grace (2 s of wall time). Why no
            // margin below that: the tasks wait for every ticked partition (DEMO_TASK_IDLE), so stream time follows
            // the ticks, and a margin would delay every alert by as much. Why the least of the two topics: a clock on
            // the newest order alone ran two simulated hours ahead of the sessions at the start.
            streams.startClock(Duration.ofMillis(Math.max(50, Math.round(60_000 / simulation.speed))),
                    () -> rates.eventTimeReachedBy(WorkingTimeTopology.CLOCK_TOPICS)
                            .map(t -> Math.floorDiv(t.toEpochMilli(), 60_000L) * 60_000L)
                            .orElse(Long.MIN_VALUE));
            out.printf("streams app      %s, state %s, clock on simulated time, grace %d simulated min (%d ms)%n",
                    WorkingTimeTopology.APPLICATION_ID, stateDir.toAbsolutePath().normalize(), streams.grace().toMinutes(), millisSince(t0));
            out.printf("queries          %s%n", streams.queryUrl());
            out.printf("trip queries     %s%n", streams.tripQueryUrl());

            t0 = System.nanoTime();
            Path accountsFile = data.resolve("alerts").resolve("accounts.json");
            Map<String, String> logins = Accounts.writeDemo(accountsFile, pack); // new passwords each run; only hashes are kept
            AlertsService alerts = AlertsService.start(AlertsService.Settings.of(broker.bootstrapServers(), registry.url(),
                    Accounts.load(accountsFile), data.resolve("alerts").resolve("state")).withRules(pack, rules.severities()));
            running.push(alerts);
            out.printf("alerts console   %s  (router %s, %d ms); a regulator of each city signs in with:%n", alerts.consoleUrl(),
                    RoutingTopology.APPLICATION_ID, millisSince(t0));
            logins.forEach((user, password) -> out.printf("                 user %-16s password %s%n", user, password));

            SimulatorConfig config = simulation.config(pack, days(), firstFreeDay).live(simulation.speed).build();
            running.push(DemoGateway.start(broker.bootstrapServers(), registry.url(), data, pack,
                    config.startDate().atStartOfDay(zone).toInstant(), out));

            t0 = System.nanoTime();
            streams.awaitRunning(Duration.ofMinutes(2));
            out.printf("streams apps     running (%d ms more)%n", millisSince(t0));
            SimulationRun simulator = new SimulationRun(config, broker.bootstrapServers(), registry.url(), stop::countDown);
            running.push(simulator);
            out.printf("simulator        %,d workers in %d cities from %s, %d days, %.0fx real time, violation rate %s%n",
                    config.workers(), pack.regions().size(), config.startDate(), config.days(), config.speed(),
                    config.violationRate());
            firstFreeDay.ifPresent(free -> out.println(config.startDate().isBefore(free)
                    ? "                 warning: the topics already hold events up to " + free.minusDays(1)
                            + "; the streams app has passed those days, so events before " + free + " will be late"
                    : "                 resuming on " + config.startDate() + ": the topics already hold events up to " + free.minusDays(1)));
            out.println(duration == null ? "running until Ctrl-C; events per second as read back from the broker, violations as they come:"
                    : "running for " + duration.toSeconds() + " s; events per second as read back from the broker, violations as they come:");

            status.runUntil(stop, duration);
            if (simulator.done().getCount() == 0) {
                out.printf("%nthe simulation %s%n", simulator.summary().completed() ? "reached the end of its range" : "stopped");
            }
            return 0;
        } finally {
            out.println();
            out.println("stopping ...");
            while (!running.isEmpty()) {
                closeQuietly(running.pop());
            }
            if (streams != null) {
                out.println("violations seen: " + streams.printer().summary());
                out.printf("late events: %d (kept on %s)%n", streams.lateEvents(), Topics.LATE);
            }
            out.println("stopped; data kept in " + data.toAbsolutePath().normalize());
        }
    }

    /** Enough simulated days to last the run (a year when it runs until Ctrl-C). */
    private int days() {
        return duration == null ? 365 : (int) Math.min(365, duration.toSeconds() * (long) simulation.speed / 86_400 + 2);
    }

    /**
     * The grace period at a simulated speed: 10 minutes of event time, or 2 s of wall time if that is more. A live
     * deployment's 10 minutes dwarf its network's delays; at 3600x they pass in 167 ms of wall time, less than Kafka
     * Streams' own interleaving of a task's partitions on a busy machine: a 25 s demo at 7200x sent 0.2% of its
     * events late (false alerts) with the fixed grace. Alerts come up to 2 s of wall time later in exchange.
     */
    static Duration grace(double speed) {
        Duration wall = Duration.ofMillis(Math.round(DEMO_GRACE_WALL.toMillis() * speed));
        return wall.compareTo(WorkingTimeConfig.DEFAULT_GRACE) > 0 ? wall : WorkingTimeConfig.DEFAULT_GRACE;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            out.println("  (" + c.getClass().getSimpleName() + " did not close cleanly: " + e.getMessage() + ")");
        }
    }
}
