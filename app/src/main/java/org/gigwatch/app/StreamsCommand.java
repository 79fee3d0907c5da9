package org.gigwatch.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.state.HostInfo;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.streams.workingtime.WorkingTimeTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The streams apps alone (working time, and the pay rules on it), printing the violations they find, until Ctrl-C. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run the working-time and pay streams apps against a Kafka cluster and print violations as they come, until Ctrl-C.")
final class StreamsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--state-dir", defaultValue = "./data/streams",
            description = "Where Kafka Streams keeps its RocksDB state (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--application-id", defaultValue = WorkingTimeTopology.APPLICATION_ID,
            description = "Kafka Streams application.id of the working-time app: consumer group and internal topic prefix; the pay app "
                    + "takes gigwatch-pay for the default, <id>-pay otherwise (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--tick", defaultValue = "1m",
            description = "Write a clock tick at the wall-clock time to every sessions and orders partition this often, so stream "
                    + "time moves on quiet partitions; 0 = off, which a replay of past data needs (default: ${DEFAULT-VALUE}).")
    Duration tick;

    @Option(names = "--grace", defaultValue = "10m",
            description = "How late an event may arrive and still be applied as if it had come in order; later ones go to "
                    + "gigwatch.events.late (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--http-port",
            description = "Serve the interactive queries (GET /workers/{key}/working-time) on this port; 0 picks a free one "
                    + "(default: not served).")
    Integer httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1",
            description = "The address to serve the queries on; also the app's application.server (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Mixin
    RulesOption rules;

    PrintStream out = System.out;

    /** Counted down by Ctrl-C (the shutdown hook) or by a test. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        try (ShutdownHook hook = new ShutdownHook("gigwatch-streams-shutdown", stop, Duration.ofSeconds(StreamsRun.CLOSE_TIMEOUT.toSeconds() + 10))) {
            out.printf("topics           %d new%n", cluster.ensureTopics().size());
            RulePack pack = rules.pack();
            try (StreamsRun run = new StreamsRun(cluster.bootstrap, cluster.registry, pack, stateDir, applicationId, grace,
                    WorkingTimeTopology.TASK_IDLE,
                    httpPort == null ? null : new HostInfo(httpHost, httpPort), this::print,
                    stop::countDown)) {
                if (!tick.isZero() && !tick.isNegative()) {
                    run.startClock(tick, System::currentTimeMillis); // a live deployment: stream time follows the wall clock
                }
                out.printf("streams app      %s on %s, rule pack %s, state %s, clock %s%n", applicationId, cluster.bootstrap,
                        pack.name(), stateDir.toAbsolutePath().normalize(),
                        tick.isZero() || tick.isNegative() ? "off" : "a tick every " + tick.toSeconds() + " s");
                if (run.queryUrl() != null) {
                    out.printf("queries          %s%n", run.queryUrl());
                    out.printf("trip queries     %s%n", run.tripQueryUrl());
                }
                out.println("printing violations as they are committed to gigwatch.violations; Ctrl-C stops");
                stop.await();
                out.println("stopping ...");
                run.close();
                out.println("violations seen: " + run.printer().summary());
                out.printf("late events: %d (kept on %s)%n", run.lateEvents(), Topics.LATE);
                return run.failed() ? 1 : 0;
            }
        }
    }

    private synchronized void print(String line) {
        out.println(line);
    }
}
