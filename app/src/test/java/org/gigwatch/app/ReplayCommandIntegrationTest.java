package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gigwatch replay} end to end: a simulated week written by {@code gigwatch simulate}, replayed, reported. */
class ReplayCommandIntegrationTest {
    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();

    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();

    @TempDir
    Path dir;

    @Test
    void replaysAWeekWithProgressAndWritesTheReport() throws Exception {
        assertThat(Gigwatch.commandLine().execute("simulate", "--bootstrap", kafka.bootstrapServers(),
                "--registry", registry.url(), "--mode", "history", "--workers", "20", "--from", "2025-03-03", "--days", "7"))
                .isZero();
        CommandLine commandLine = Gigwatch.commandLine();
        ReplayCommand replay = commandLine.getSubcommands().get("replay").getCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        replay.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = commandLine.execute("replay", "--bootstrap", kafka.bootstrapServers(), "--registry", registry.url(),
                "--from", "2025-03-03", "--to", "2025-03-10", "--warm-up", "0", "--run", "week",
                "--report", dir.resolve("report").toString(), "--state-dir", dir.resolve("state").toString());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("copying the range", "working time", "pay", "100%", "gigwatch.replay.week.violations",
                "worker-days", "report.html");
        assertThat(Files.readAllLines(dir.resolve("report").resolve("summary.csv")))
                .first().isEqualTo("run,platform,region,worker_days,rule,violations,per_1000_worker_days,shortfall_minor_units");
        assertThat(Files.readAllLines(dir.resolve("report").resolve("summary.csv"))).hasSizeGreaterThan(1)
                .allMatch(l -> l.startsWith("run,") || l.startsWith("week,"));
        assertThat(dir.resolve("report").resolve("report.html")).isNotEmptyFile();
        assertThat(dir.resolve("report").resolve("echarts.min.js")).isNotEmptyFile();
    }
}
