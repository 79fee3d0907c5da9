package org.gigwatch.app;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.Mode;
import org.gigwatch.simulator.RunSummary;
import org.gigwatch.simulator.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Simulated platform traffic into a Kafka cluster: a date range as fast as possible, or live. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Send simulated sessions, orders, payouts and registrations to Kafka (Avro, registry wire format).")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", defaultValue = "${env:GIGWATCH_BOOTSTRAP:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}; env GIGWATCH_BOOTSTRAP).")
    String bootstrap;

    @Option(names = "--registry", defaultValue = "${env:GIGWATCH_SCHEMA_REGISTRY:-http://127.0.0.1:8081/apis/ccompat/v7}",
            description = "Schema registry URL, Confluent API (default: ${DEFAULT-VALUE}; env GIGWATCH_SCHEMA_REGISTRY).")
    String registry;

    @Option(names = "--mode", defaultValue = "history",
            description = "history: the range as fast as possible; live: on an accelerated clock (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create gigwatch's topics if missing (default: yes).")
    boolean createTopics;

    @Mixin
    RulesOption rules;

    @Mixin
    SimulationOptions simulation;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (createTopics) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicSetup.ensureAll(admin);
            }
        }
        RulePack pack = rules.pack();
        SimulatorConfig config = simulation.config(pack, 7).mode(mode).build();
        out.printf("simulating %,d workers, %d days from %s (%s, seed %d, violation rate %s) into %s%n",
                config.workers(), config.days(), config.startDate(), mode.name().toLowerCase(), config.seed(),
                config.violationRate(), bootstrap);
        try (SimulationRun run = new SimulationRun(config, bootstrap, registry, () -> { })) {
            new StatusLine(out, run.simulator().counters()::snapshot, () -> "").runUntil(run.done(), null);
            RunSummary summary = run.summary();
            out.printf("%nsent %,d events in %.1f s (%,.0f events/s): %s%n", summary.events(),
                    summary.elapsed().toMillis() / 1000.0, summary.rate(), summary.eventsPerTopic());
            if (config.groundTruthFile() != null) {
                out.printf("ground truth: %,d expected violations in %s %s%n",
                        run.simulator().groundTruth().violations().size(), config.groundTruthFile(),
                        run.simulator().groundTruth().counts());
            }
        }
        return 0;
    }
}
