package org.gigwatch.app;

import java.io.PrintStream;
import java.util.Locale;
import org.gigwatch.streams.replay.ReplayProgress;

/**
 * A progress bar per phase on the terminal: records read of records to read, the rate and the time left, redrawn in
 * place (at most every 200 ms); in a log or a pipe, a line every 5 s and one when a phase ends.
 */
final class ProgressBar implements ReplayProgress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private String phase;
    private long phaseStarted;
    private long lastDrawn;
    private String lastLine = "";

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void update(String phase, long read, long total) {
        long now = System.nanoTime();
        if (!phase.equals(this.phase)) {
            finishLine();
            this.phase = phase;
            phaseStarted = now;
            lastDrawn = 0;
        }
        if (now - lastDrawn < (terminal ? 200_000_000L : 5_000_000_000L) && read < total) {
            return;
        }
        lastDrawn = now;
        lastLine = line(phase, read, total, (now - phaseStarted) / 1e9);
        if (terminal) {
            out.print("\r" + lastLine + "  ");
        } else {
            out.println(lastLine);
        }
        out.flush();
    }

    /** Ends the current bar's line (call before printing anything else). */
    synchronized void finishLine() {
        if (terminal && !lastLine.isEmpty()) {
            out.println();
        }
        lastLine = "";
    }

    static String line(String phase, long read, long total, double seconds) {
        double share = total <= 0 ? 0 : Math.min(1, (double) read / total);
        int filled = (int) Math.round(share * WIDTH);
        double rate = seconds <= 0 ? 0 : read / seconds;
        String left = rate <= 0 || read >= total ? "" : String.format(Locale.ROOT, "  ~%ds left", Math.round((total - read) / rate));
        return String.format(Locale.ROOT, "%-17s [%s%s] %3d%% %,d/%,d records  %,.0f/s%s", phase, "#".repeat(filled),
                ".".repeat(WIDTH - filled), Math.round(share * 100), read, total, rate, left);
    }
}
