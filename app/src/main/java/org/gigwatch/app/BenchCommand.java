package org.gigwatch.app;

import picocli.CommandLine.Command;

/** Benchmarks, each run side by side with its yardstick in one run (these machines are shared and noisy). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that compare gigwatch with a yardstick in the same run.",
        subcommands = {ProduceBenchmark.class, StreamsBenchmark.class, GatewayBenchmark.class, AlertsBenchmark.class,
                ReplayBenchmark.class})
final class BenchCommand {}
