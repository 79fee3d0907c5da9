package org.gigwatch.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.gigwatch.simulator.emit.Emitter;
import org.gigwatch.simulator.emit.EventSink;
import org.gigwatch.simulator.emit.Pacer;
import org.gigwatch.simulator.emit.TopicCounters;
import org.gigwatch.simulator.generate.Scenario;
import org.gigwatch.simulator.model.PublishedQuota;
import org.gigwatch.simulator.model.Worker;
import org.gigwatch.simulator.oracle.Oracle;
import org.gigwatch.simulator.oracle.QuotaOracle;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.GroundTruth;
import org.gigwatch.simulator.truth.Injection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gigwatch simulator: platform work in the seed cities, with injected violations, as Kafka events, and the
 * ground truth a correct monitor must report.
 *
 * <pre>{@code
 * Simulator sim = new Simulator(SimulatorConfig.builder().workers(2000).days(35).live(3600).build());
 * sim.groundTruth().write(Path.of("ground-truth.jsonl"));
 * try (EventSink sink = KafkaEventSink.create("localhost:9092", "http://localhost:8081/apis/ccompat/v7")) {
 *     sim.run(sink);              // blocks; sim.counters() can be read meanwhile, sim.stop() ends it early
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorConfig config;
    private final Scenario scenario;
    private final TopicCounters counters = new TopicCounters();
    private volatile boolean stopped;
    private GroundTruth groundTruth;
    private List<Injection> injections;

    public Simulator(SimulatorConfig config) {
        this.config = config;
        this.scenario = new Scenario(config.seed(), config.workers(), config.dualPlatformShare(), config.violationRate(),
                config.rules(), config.range());
    }

    public SimulatorConfig config() {
        return config;
    }

    public List<Worker> workers() {
        return scenario.workers();
    }

    /** The quotas the platforms publish (effective-dated, all sent before the range starts). */
    public List<PublishedQuota> quotas() {
        return scenario.quotas();
    }

    /** Events sent so far, per topic; thread-safe. */
    public TopicCounters counters() {
        return counters;
    }

    /** The oracle's verdict on the whole simulated world (computed once, in a pass of its own). */
    public synchronized GroundTruth groundTruth() {
        if (groundTruth == null) {
            judge();
        }
        return groundTruth;
    }

    /** What the generator injected, near misses included: for tests of the oracle. */
    public synchronized List<Injection> injections() {
        if (injections == null) {
            judge();
        }
        return injections;
    }

    /**
     * Sends the simulated events to the sink: the whole range at once (HISTORY) or on the accelerated clock (LIVE).
     * Blocks until the end of the range or {@link #stop()}. Does not close the sink.
     */
    public RunSummary run(EventSink sink) {
        if (config.groundTruthFile() != null) {
            groundTruth().write(config.groundTruthFile());
            LOG.info("ground truth: {} violations written to {}", groundTruth().violations().size(), config.groundTruthFile());
        }
        Pacer pacer = config.mode() == Mode.LIVE
                ? Pacer.live(Emitter.firstInstant(scenario), config.speed(), () -> stopped)
                : Pacer.unpaced(() -> stopped);
        LOG.info("simulating {} workers, {} days from {} ({}{})", config.workers(), config.days(), config.startDate(),
                config.mode(), config.mode() == Mode.LIVE ? ", speed " + config.speed() : "");
        long before = counters.total();
        long start = System.nanoTime();
        boolean completed = new Emitter(scenario, sink, counters, pacer, () -> stopped).run();
        RunSummary summary = new RunSummary(counters.snapshot(), counters.total() - before,
                Duration.ofNanos(System.nanoTime() - start), completed);
        LOG.info("{} {} events in {} ms ({} events/s): {}", completed ? "sent" : "stopped after", summary.events(),
                summary.elapsed().toMillis(), Math.round(summary.rate()), summary.eventsPerTopic());
        return summary;
    }

    /** Ends a run early (from any thread); the run returns after the event in hand. */
    public void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        stop();
    }

    private void judge() {
        Oracle oracle = new Oracle(config.rules(), config.range());
        QuotaOracle quotaOracle = new QuotaOracle(config.rules(), config.range());
        record Judged(List<ExpectedViolation> violations, List<Injection> injections, List<QuotaOracle.AccountDay> days) {}
        List<Judged> judged = IntStream.range(0, scenario.size()).parallel().mapToObj(i -> {
            Scenario.Generated g = scenario.history(i);
            return new Judged(explained(oracle.check(g.history()), g.injections()), g.injections(),
                    quotaOracle.days(g.history()));
        }).toList();
        List<QuotaOracle.AccountDay> accountDays = judged.stream().flatMap(j -> j.days().stream()).toList();
        scenario.planQuotas(accountDays); // spares the emitter a pass of its own to choose them
        List<ExpectedViolation> violations = new ArrayList<>();
        List<Injection> labels = new ArrayList<>(scenario.quotaInjections());
        judged.forEach(j -> {
            violations.addAll(j.violations());
            labels.addAll(j.injections());
        });
        violations.addAll(explained(quotaOracle.judge(scenario.quotas(), accountDays), scenario.quotaInjections()));
        groundTruth = new GroundTruth(violations);
        injections = labels.stream()
                .sorted(Comparator.comparingLong(Injection::from).thenComparing(Injection::rule)
                        .thenComparing(Injection::scope).thenComparing(Injection::worker))
                .toList();
        long unexplained = groundTruth.violations().stream().filter(v -> !v.injected()).count();
        LOG.info("ground truth: {} violations ({} not explained by an injection): {}", groundTruth.violations().size(),
                unexplained, groundTruth.counts());
    }

    private static List<ExpectedViolation> explained(List<ExpectedViolation> found, List<Injection> injections) {
        return found.stream()
                .map(v -> v.withInjected(injections.stream().anyMatch(inj -> inj.violation() && inj.explains(v))))
                .toList();
    }
}
