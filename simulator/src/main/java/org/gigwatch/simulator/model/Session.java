package org.gigwatch.simulator.model;

import java.util.List;

/** One login..logout on one platform, with the breaks the worker declared inside it (sorted, disjoint). */
public record Session(long login, long logout, List<Interval> breaks) {
    public Session {
        breaks = List.copyOf(breaks);
        long cursor = login;
        for (Interval b : breaks) {
            if (b.start() < cursor || b.end() > logout) {
                throw new IllegalArgumentException("break " + b + " is not inside session " + login + ".." + logout);
            }
            cursor = b.end();
        }
    }

    public static Session of(long login, long logout) {
        return new Session(login, logout, List.of());
    }

    /** Online time: the session minus its declared breaks, in order. */
    public void addWorkingIntervals(List<Interval> out) {
        long from = login;
        for (Interval b : breaks) {
            if (b.start() > from) {
                out.add(new Interval(from, b.start()));
            }
            from = b.end();
        }
        if (logout > from) {
            out.add(new Interval(from, logout));
        }
    }
}
