package org.gigwatch.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own producer performance tool ({@code org.apache.kafka.tools.ProducerPerformance}), run in a child JVM
 * from this jar's classpath, as the yardstick the simulator's produce rate is compared with.
 */
final class ProducerPerformanceRun {
    /** Its closing line: "N records sent, R records/sec (M MB/sec), ..." */
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency");

    record Result(long records, double recordsPerSecond, double megabytesPerSecond, double avgLatencyMs) {}

    static Result run(String bootstrapServers, String topic, long records, int recordSize, Map<String, String> producerProps)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic,
                "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize),
                "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrapServers));
        producerProps.forEach((k, v) -> command.add(k + "=" + v));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher m = SUMMARY.matcher(output);
        Result result = null;
        while (m.find()) { // interim windows print the same shape: the overall summary is the last match
            result = new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)));
        }
        if (exit != 0 || result == null) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + exit + "):\n" + output);
        }
        return result;
    }

    private ProducerPerformanceRun() {}
}
