package org.gigwatch.app;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.SimulatorConfig;
import picocli.CommandLine.Option;

/** The simulator's options, shared by {@code simulate}, {@code demo} and {@code bench}. */
final class SimulationOptions {
    @Option(names = "--workers", defaultValue = "1000", description = "Simulated workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--from", description = "First simulated local day, e.g. 2025-09-29 (default: today in Asia/Shanghai).")
    LocalDate from;

    @Option(names = "--days", description = "Simulated days (default: 7; the demo: enough for --duration, else a year).")
    Integer days;

    @Option(names = "--seed", defaultValue = "42", description = "Same seed and options, same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--violation-rate", defaultValue = "0.02",
            description = "Probability of an injected violation per worker-day, 0..0.5 (default: ${DEFAULT-VALUE}).")
    double violationRate;

    @Option(names = "--dual-platform-share", defaultValue = "0.2",
            description = "Share of workers on two platforms at once (default: ${DEFAULT-VALUE}).")
    double dualPlatformShare;

    @Option(names = "--speed", defaultValue = "3600",
            description = "Live mode: simulated seconds per real second (default: ${DEFAULT-VALUE}, an hour a second).")
    double speed;

    @Option(names = "--ground-truth", description = "Write the expected violations here (JSON lines).")
    Path groundTruth;

    SimulatorConfig.Builder config(RulePack pack, int defaultDays) {
        return config(pack, defaultDays, Optional.empty());
    }

    /**
     * As {@link #config(RulePack, int)}, but without {@code --from} the run starts no earlier than
     * {@code firstFreeDay}, the first day with no event on the topics yet (a demo on kept data).
     */
    SimulatorConfig.Builder config(RulePack pack, int defaultDays, Optional<LocalDate> firstFreeDay) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate start = from != null ? from : firstFreeDay.filter(today::isBefore).orElse(today);
        return SimulatorConfig.builder()
                .seed(seed).workers(workers).days(days != null ? days : defaultDays)
                .startDate(start)
                .violationRate(violationRate).dualPlatformShare(dualPlatformShare).speed(speed)
                .rules(pack).groundTruthFile(groundTruth);
    }
}
