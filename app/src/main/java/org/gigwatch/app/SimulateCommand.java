package org.gigwatch.app;

import java.io.PrintStream;
import java.util.concurrent.Callable;
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

    @Mixin
    ClusterOptions cluster;

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
            cluster.ensureTopics();
        }
        RulePack pack = rules.pack();
        SimulatorConfig config = simulation.config(pack, 7).mode(mode).build();
        out.printf("simulating %,d workers, %d days from %s (%s, seed %d, violation rate %s) into %s%n",
                config.workers(), config.days(), config.startDate(), mode.name().toLowerCase(), config.seed(),
                config.violationRate(), cluster.bootstrap);
        try (SimulationRun run = new SimulationRun(config, cluster.bootstrap, cluster.registry, () -> { })) {
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
