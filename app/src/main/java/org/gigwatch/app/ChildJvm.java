package org.gigwatch.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gigwatch main class in a child JVM (same java, same class path), for benchmarks: the broker, or an app whose
 * memory is measured alone. Started when it prints a line beginning with a given prefix; its output is drained
 * after that. {@link #close()} sends SIGTERM (the child's shutdown hook closes it cleanly) and waits.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;

    private ChildJvm(Process process) {
        this.process = process;
    }

    /** Starts {@code mainClass} with {@code jvmOptions} and {@code args}; returns once it printed {@code readyPrefix}. */
    static ChildJvm start(List<String> jvmOptions, Class<?> mainClass, List<String> args, String readyPrefix) throws IOException {
        return start(jvmOptions, mainClass, args, readyPrefix, null);
    }

    /** As above, and its output (after the ready line) goes to {@code log} if not null, else nowhere. */
    static ChildJvm start(List<String> jvmOptions, Class<?> mainClass, List<String> args, String readyPrefix, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith(readyPrefix)) {
                Thread drain = new Thread(() -> drain(lines, log), mainClass.getSimpleName() + "-output");
                drain.setDaemon(true);
                drain.start();
                return new ChildJvm(process);
            }
        }
        process.destroy();
        throw new IllegalStateException(mainClass.getSimpleName() + " ended before it was ready:\n" + seen);
    }

    private static void drain(BufferedReader lines, Path log) {
        try (var file = log == null ? Writer.nullWriter() : Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                file.write(line);
                file.write(System.lineSeparator());
            }
        } catch (IOException e) {
            // the child has gone (its stream closed under the reader), or the log cannot be written: nothing to keep
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** A field of /proc/&lt;pid&gt;/status in KiB: VmRSS (resident now) or VmHWM (peak resident); -1 if unknown. */
    long memoryKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
