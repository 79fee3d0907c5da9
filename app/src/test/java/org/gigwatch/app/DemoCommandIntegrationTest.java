package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gigwatch.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it (in this JVM): a real broker and registry, live simulated traffic read back from the
 * broker, a clean stop, and a second run on the same data that finds its topics and schemas again.
 */
class DemoCommandIntegrationTest {
    private static final Pattern CURL = Pattern.compile(
            "curl -s -H 'Authorization: ([^']+)' -H 'Content-Type: ([^']+)' (\\S+) -d '([^']+)'");
    private static final Pattern TOTAL = Pattern.compile("\\| ([\\d,]+) events");
    private static final Pattern FIRST_DAY = Pattern.compile("(?m)^simulator .* from (\\d{4}-\\d{2}-\\d{2}),");
    private static final Pattern LATE = Pattern.compile("(?m)^late events: (\\d+) ");
    private static final Pattern RESUMED_ON = Pattern.compile("resuming on (\\d{4}-\\d{2}-\\d{2}): the topics already hold events");

    @Test
    void showsEventsFlowingAndKeepsItsDataAcrossARestart(@TempDir Path dir) {
        Path data = dir.resolve("data");

        // 25 s at 7,200x is two simulated days: work stretches over 4 h and their alerts, with room for the streams
        // app's start (it reads the event topics from their beginning, so a slow start delays lines, never loses them)
        AtomicReference<HttpResponse<String>> tried = new AtomicReference<>();
        String first = runDemo(data, "25s", output -> tried.set(pasteTheCurlLine(output)), "--violation-rate", "0.3");
        assertThat(first).contains("topics           " + Topics.ALL.size() + " (" + Topics.ALL.size() + " new)", "rule data        63 entries", "stopped; data kept in");
        assertThat(first).contains("streams app      gigwatch-working-time");
        assertThat(first).containsPattern("alerts console   http://127\\.0\\.0\\.1:\\d+/ ")
                .containsPattern("(?m)^ +user shaoxing-hrss +password [\\w-]{16}$");
        assertThat(first).containsPattern("queries          http://127\\.0\\.0\\.1:\\d+/workers/\\{key}/working-time");
        assertThat(first).as(first).containsPattern("(?m)^violation REST_BREAK +(OPEN|UPDATED) .*worked (past )?\\d+ h \\d+ min");
        assertThat(first).containsPattern("violations seen: .*REST_BREAK [1-9]");
        assertThat(lastTotal(first)).as(first).isGreaterThan(1_000);
        assertThat(first).containsPattern("sessions [\\d,]+/s orders [\\d,]+/s");
        // the simulator starts once the apps run: before, it produced during their start, the topic fetched first
        // ran stream time hours ahead, and 1.2% of the events (sessions) went late and gave false alerts; and tasks
        // wait for every input partition (DemoCommand.DEMO_TASK_IDLE): before, up to a fifth of the orders went late
        assertThat(first).contains("streams apps     running");
        assertThat(Long.parseLong(group(LATE, first))).as(first).isLessThan(lastTotal(first) / 1_000);

        // the gateway took the event posted with the printed key, while the demo ran
        assertThat(tried.get().statusCode()).as(tried.get().body()).isEqualTo(200);
        assertThat(tried.get().body()).isEqualTo("{\"accepted\":1,\"duplicates\":0,\"rejected\":[],\"deadLettered\":[]}");

        String second = runDemo(data, "8s", output -> { });
        assertThat(second).contains("topics           " + Topics.ALL.size() + " (0 new)", "stopped; data kept in");
        assertThat(lastTotal(second)).as(second).isGreaterThan(1_000);
        // the second run goes on after the first one's days (50 simulated hours from its first day), not over them
        LocalDate firstStart = LocalDate.parse(group(FIRST_DAY, first));
        LocalDate resumed = LocalDate.parse(group(RESUMED_ON, second));
        assertThat(resumed).isAfterOrEqualTo(firstStart.plusDays(3));
        assertThat(group(FIRST_DAY, second)).isEqualTo(resumed.toString());
    }

    /** Runs the demo on a thread of its own; {@code meanwhile} gets its output so far, on the test's thread. */
    private static String runDemo(Path data, String duration, Consumer<Supplier<String>> meanwhile, String... more) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream(); // synchronized: read while the demo writes
        AtomicInteger exit = new AtomicInteger(-1);
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            // 7,200x: a simulated working morning in a few seconds
            List<String> args = new ArrayList<>(List.of("demo", "--data", data.toString(), "--duration", duration,
                    "--workers", "300", "--speed", "7200"));
            args.addAll(List.of(more));
            Thread demo = new Thread(() -> exit.set(Gigwatch.commandLine().execute(args.toArray(String[]::new))), "demo");
            demo.start();
            try {
                meanwhile.accept(() -> captured.toString(StandardCharsets.UTF_8));
            } finally {
                demo.join();
            }
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted", e);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(exit.get()).as(output).isZero();
        return output;
    }

    private static String group(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        assertThat(m.find()).as("%s in:%n%s", pattern, output).isTrue();
        return m.group(1);
    }

    /** Waits for the demo's curl line and sends what it says: the URL, the key, the body. */
    private static HttpResponse<String> pasteTheCurlLine(Supplier<String> output) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher curl = CURL.matcher(output.get());
            if (curl.find()) {
                try {
                    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(curl.group(3)))
                            .header("Authorization", curl.group(1)).header("Content-Type", curl.group(2))
                            .POST(HttpRequest.BodyPublishers.ofString(curl.group(4))).build(), HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new AssertionError("the printed curl line does not work: " + curl.group(), e);
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("no curl line in:\n" + output.get());
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
