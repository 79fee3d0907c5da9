package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

        String first = runDemo(data);
        assertThat(first).contains("topics           12 (12 new)", "rule data        60 entries", "stopped; data kept in");
        assertThat(lastTotal(first)).as(first).isGreaterThan(1_000);
        assertThat(first).containsPattern("sessions [\\d,]+/s orders [\\d,]+/s");

        String second = runDemo(data);
        assertThat(second).contains("topics           12 (0 new)", "stopped; data kept in");
        assertThat(lastTotal(second)).as(second).isGreaterThan(1_000);
    }

    private static String runDemo(Path data) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            // 7,200x: a simulated working morning in a few seconds
            exit = Gigwatch.commandLine().execute("demo", "--data", data.toString(), "--duration", "8s",
                    "--workers", "300", "--speed", "7200");
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
