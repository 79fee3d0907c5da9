package org.gigwatch.simulator.model;

/** A half-open span of time [start, end) in epoch milliseconds. */
public record Interval(long start, long end) {
    public Interval {
        if (end < start) {
            throw new IllegalArgumentException("interval ends before it starts: " + start + ".." + end);
        }
    }

    public long length() {
        return end - start;
    }

    /** Milliseconds of this interval inside [from, to). */
    public long overlap(long from, long to) {
        return Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
}
