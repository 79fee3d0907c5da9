package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it (in this JVM): a real broker and registry, live simulated traffic read back from the
 * broker, a clean stop, and a second run on the same data that finds its topics and schemas again.
 */
class DemoCommandIntegrationTest {
    private static final Pattern TOTAL = Pattern.compile("\\| ([\\d,]+) events");

    @Test
    void showsEventsFlowingAndKeepsItsDataAcrossARestart(@TempDir Path dir) {
        Path data = dir.resolve("data");

        // 25 s at 7,200x is two simulated days: work stretches over 4 h and their alerts, with room for the streams
        // app's start (it reads the event topics from their beginning, so a slow start delays lines, never loses them)
        String first = runDemo(data, "25s", "--violation-rate", "0.3");
        assertThat(first).contains("topics           13 (13 new)", "rule data        60 entries", "stopped; data kept in");
        assertThat(first).contains("streams app      gigwatch-working-time");
        assertThat(first).as(first).containsPattern("(?m)^violation REST_BREAK +(OPEN|UPDATED) .*worked (past )?\\d+ h \\d+ min");
        assertThat(first).containsPattern("violations seen: .*REST_BREAK [1-9]");
        assertThat(lastTotal(first)).as(first).isGreaterThan(1_000);
        assertThat(first).containsPattern("sessions [\\d,]+/s orders [\\d,]+/s");

        String second = runDemo(data, "8s");
        assertThat(second).contains("topics           13 (0 new)", "stopped; data kept in");
        assertThat(lastTotal(second)).as(second).isGreaterThan(1_000);
    }

    private static String runDemo(Path data, String duration, String... more) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            // 7,200x: a simulated working morning in a few seconds
            List<String> args = new ArrayList<>(List.of("demo", "--data", data.toString(), "--duration", duration,
                    "--workers", "300", "--speed", "7200"));
            args.addAll(List.of(more));
            exit = Gigwatch.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(exit).as(output).isZero();
        return output;
    }

    private static long lastTotal(String output) {
        Matcher m = TOTAL.matcher(output);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1).replace(",", ""));
        }
        return last;
    }
}
