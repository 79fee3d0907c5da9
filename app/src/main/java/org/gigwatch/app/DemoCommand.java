package org.gigwatch.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.gigwatch.embedded.KafkaBroker;
import org.gigwatch.embedded.SchemaRegistryServer;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything on one machine: a real KRaft broker in this JVM, the schema registry as a child process, the
 * shipped rule data, and the simulator driving live traffic, with a status line read back from the broker.
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

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            awaitQuietly(stopped, Duration.ofSeconds(30)); // let the main thread close everything in order
        }, "gigwatch-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        Deque<AutoCloseable> running = new ArrayDeque<>();
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

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                int created = TopicSetup.ensureAll(admin).size();
                out.printf("topics           %d (%d new)%n", Topics.ALL.size(), created);
            }
            RulePack pack = rules.pack();
            int published = RuleData.publish(pack, broker.bootstrapServers(), registry.url());
            out.printf("rule data        %d entries from rule pack %s published to gigwatch.rules.*%n", published, pack.name());

            EventRates rates = new EventRates(broker.bootstrapServers(), Topics.EVENT_TOPICS);
            running.push(rates);
            SimulatorConfig config = simulation.config(pack, days()).live(simulation.speed).build();
            SimulationRun simulator = new SimulationRun(config, broker.bootstrapServers(), registry.url(), stop::countDown);
            running.push(simulator);
            out.printf("simulator        %,d workers in %d cities from %s, %d days, %.0fx real time, violation rate %s%n",
                    config.workers(), pack.regions().size(), config.startDate(), config.days(), config.speed(),
                    config.violationRate());
            out.println(duration == null ? "running until Ctrl-C; events per second as read back from the broker:"
                    : "running for " + duration.toSeconds() + " s; events per second as read back from the broker:");

            ZoneId zone = pack.regions().get(0).zone();
            new StatusLine(out, rates::totals, () -> rates.latestEventTime()
                    .map(t -> " | simulated " + SIMULATED_CLOCK.format(t.atZone(zone))).orElse(""))
                    .runUntil(stop, duration);
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
            out.println("stopped; data kept in " + data.toAbsolutePath().normalize());
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and waits for 'stopped'
            }
        }
    }

    /** Enough simulated days to last the run (a year when it runs until Ctrl-C). */
    private int days() {
        return duration == null ? 365 : (int) Math.min(365, duration.toSeconds() * (long) simulation.speed / 86_400 + 2);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            out.println("  (" + c.getClass().getSimpleName() + " did not close cleanly: " + e.getMessage() + ")");
        }
    }
}
