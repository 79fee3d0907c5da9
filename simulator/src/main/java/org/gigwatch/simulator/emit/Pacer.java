package org.gigwatch.simulator.emit;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Releases events when their time comes. History mode: at once. Live mode: a clock that starts at the range's
 * first instant when the run starts and runs {@code speed} times faster than real time (3600 = one simulated hour
 * per second).
 */
public final class Pacer {
    private static final long MAX_NAP = TimeUnit.MILLISECONDS.toNanos(50);

    private final long simulatedStart;
    private final double speed;
    private final BooleanSupplier stopped;
    private long realStart = Long.MIN_VALUE;

    private Pacer(long simulatedStart, double speed, BooleanSupplier stopped) {
        this.simulatedStart = simulatedStart;
        this.speed = speed;
        this.stopped = stopped;
    }

    public static Pacer unpaced(BooleanSupplier stopped) {
        return new Pacer(0, Double.POSITIVE_INFINITY, stopped);
    }

    public static Pacer live(long simulatedStart, double speed, BooleanSupplier stopped) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, was " + speed);
        }
        return new Pacer(simulatedStart, speed, stopped);
    }

    /** Waits until the simulated clock reaches {@code simulatedTime} (epoch ms); false if stopped first. */
    public boolean await(long simulatedTime) {
        if (stopped.getAsBoolean()) {
            return false;
        }
        if (speed == Double.POSITIVE_INFINITY) {
            return true;
        }
        if (realStart == Long.MIN_VALUE) {
            realStart = System.nanoTime();
        }
        long due = realStart + (long) ((simulatedTime - simulatedStart) * 1_000_000.0 / speed);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            if (stopped.getAsBoolean()) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, MAX_NAP));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
