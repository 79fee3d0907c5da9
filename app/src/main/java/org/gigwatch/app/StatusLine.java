package org.gigwatch.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints events per topic per second from running totals, once a second, until told to stop. */
final class StatusLine {
    private static final long INTERVAL_MS = 1_000;
    private final PrintStream out;
    private final Supplier<Map<String, Long>> totals;
    private final Supplier<String> suffix;
    /** On a terminal the line is redrawn in place; in a log or a pipe it is a new line each time. */
    private final boolean terminal = System.console() != null;
    /** The status line currently on the terminal (terminal only). */
    private String lastDrawn = "";

    /** @param suffix more to say at the end of each line, e.g. the simulated clock */
    StatusLine(PrintStream out, Supplier<Map<String, Long>> totals, Supplier<String> suffix) {
        this.out = out;
        this.totals = totals;
        this.suffix = suffix;
    }

    /** Blocks until {@code stop} is counted down or {@code duration} (null: no limit) has passed. */
    void runUntil(CountDownLatch stop, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        Map<String, Long> previous = totals.get();
        long previousAt = start;
        while (System.nanoTime() < deadline) {
            long wait = Math.min(INTERVAL_MS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (stop.await(Math.max(wait, 1), TimeUnit.MILLISECONDS)) {
                break;
            }
            long now = System.nanoTime();
            if (now - previousAt < INTERVAL_MS * 500_000) {
                continue; // the last sliver before the deadline: too short for a rate
            }
            Map<String, Long> current = totals.get();
            print(line(previous, current, (now - previousAt) / 1e9, now - start) + suffix.get());
            previous = current;
            previousAt = now;
        }
    }

    static String line(Map<String, Long> previous, Map<String, Long> totals, double seconds, long elapsedNanos) {
        StringBuilder line = new StringBuilder(String.format("%5ds |", Math.round(elapsedNanos / 1e9)));
        long all = 0;
        for (Map.Entry<String, Long> topic : totals.entrySet()) {
            long delta = topic.getValue() - previous.getOrDefault(topic.getKey(), 0L);
            String name = topic.getKey().substring(topic.getKey().lastIndexOf('.') + 1);
            line.append(String.format(" %s %,d/s", name, Math.round(delta / seconds)));
            all += topic.getValue();
        }
        return line.append(String.format(" | %,d events", all)).toString();
    }

    private synchronized void print(String line) {
        if (terminal) {
            out.print("\r" + line + "   ");
            out.flush();
            lastDrawn = line;
        } else {
            out.println(line);
        }
    }

    /**
     * A line of its own from another thread (e.g. a violation): on a terminal it goes above the status line, which is
     * then redrawn below it; elsewhere it is just another line.
     */
    synchronized void printAbove(String text) {
        if (terminal && !lastDrawn.isEmpty()) {
            int clear = Math.max(0, lastDrawn.length() + 3 - text.length());
            out.print("\r" + text + " ".repeat(clear) + System.lineSeparator() + lastDrawn + "   ");
            out.flush();
        } else {
            out.println(text);
        }
    }
}
