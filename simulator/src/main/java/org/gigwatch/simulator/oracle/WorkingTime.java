package org.gigwatch.simulator.oracle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.model.Session;

/** Working time = online time: logged in and not on a declared break; merged so nothing counts twice. */
public final class WorkingTime {
    /** The working intervals of these sessions, sorted, overlapping or touching ones merged. */
    public static List<Interval> of(Collection<Session> sessions) {
        List<Interval> intervals = new ArrayList<>();
        sessions.forEach(s -> s.addWorkingIntervals(intervals));
        return merge(intervals);
    }

    /** The union of intervals, sorted; touching intervals become one (a gap of zero is no gap). */
    public static List<Interval> merge(Collection<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            if (next.length() == 0) {
                continue;
            }
            Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && next.start() <= last.end()) {
                merged.set(merged.size() - 1, new Interval(last.start(), Math.max(last.end(), next.end())));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /** Milliseconds of working time inside [from, to). */
    public static long within(List<Interval> working, long from, long to) {
        long sum = 0;
        for (Interval i : working) {
            sum += i.overlap(from, to);
        }
        return sum;
    }

    private WorkingTime() {}
}
