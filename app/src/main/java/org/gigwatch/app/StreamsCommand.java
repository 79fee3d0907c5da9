package org.gigwatch.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The streams app alone (working time: REST_BREAK, DAILY_HOURS), printing the violations it finds, until Ctrl-C. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run the working-time streams app against a Kafka cluster and print violations as they come, until Ctrl-C.")
final class StreamsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", defaultValue = "${env:GIGWATCH_BOOTSTRAP:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}; env GIGWATCH_BOOTSTRAP).")
    String bootstrap;

    @Option(names = "--registry", defaultValue = "${env:GIGWATCH_SCHEMA_REGISTRY:-http://127.0.0.1:8081/apis/ccompat/v7}",
            description = "Schema registry URL, Confluent API (default: ${DEFAULT-VALUE}; env GIGWATCH_SCHEMA_REGISTRY).")
    String registry;

    @Option(names = "--state-dir", defaultValue = "./data/streams",
            description = "Where Kafka Streams keeps its RocksDB state (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--application-id", defaultValue = WorkingTimeTopology.APPLICATION_ID,
            description = "Kafka Streams application.id: consumer group and internal topic prefix (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--tick", defaultValue = "1m",
            description = "Write a clock tick at the wall-clock time to every sessions partition this often, so stream "
                    + "time moves on quiet partitions; 0 = off, which a replay of past data needs (default: ${DEFAULT-VALUE}).")
    Duration tick;

    @Mixin
    RulesOption rules;

    PrintStream out = System.out;

    /** Counted down by Ctrl-C (the shutdown hook) or by a test. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(StreamsRun.CLOSE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gigwatch-streams-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                int created = TopicSetup.ensureAll(admin).size();
                out.printf("topics           %d new%n", created);
            }
            RulePack pack = rules.pack();
            try (StreamsRun run = new StreamsRun(bootstrap, registry, pack, stateDir, applicationId, this::print,
                    stop::countDown)) {
                if (!tick.isZero() && !tick.isNegative()) {
                    run.startClock(tick, System::currentTimeMillis); // a live deployment: stream time follows the wall clock
                }
                out.printf("streams app      %s on %s, rule pack %s, state %s, clock %s%n", applicationId, bootstrap,
                        pack.name(), stateDir.toAbsolutePath().normalize(),
                        tick.isZero() || tick.isNegative() ? "off" : "a tick every " + tick.toSeconds() + " s");
                out.println("printing violations as they are committed to gigwatch.violations; Ctrl-C stops");
                stop.await();
                out.println("stopping ...");
                run.close();
                out.println("violations seen: " + run.printer().summary());
                return run.failed() ? 1 : 0;
            }
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and waits for 'stopped'
            }
        }
    }

    private synchronized void print(String line) {
        out.println(line);
    }
}
