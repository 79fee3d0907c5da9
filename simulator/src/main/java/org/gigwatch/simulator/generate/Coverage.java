package org.gigwatch.simulator.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gigwatch.simulator.generate.Plans.DayPlan;
import org.gigwatch.simulator.generate.Plans.Shape;
import org.gigwatch.simulator.generate.Timeline.Piece;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.Interval;

/**
 * Shares the person's day out between their active platforms: the pieces each app was online for. Every piece of
 * the person is covered by at least one app, so the union of the platforms is the person's day, and a platform's
 * stretch never exceeds the person's: what is compliant across platforms is compliant on each.
 *
 * <ul>
 *   <li>shared (baseline): per stretch one app is online throughout, the other for a window of 40–80% of it
 *       (at least an hour, at most 200 minutes);</li>
 *   <li>full coverage (a platform-scoped case): the target app is online throughout every stretch;</li>
 *   <li>split (a cross-platform-only case): the apps take turns stretch by stretch, the other one joining for
 *       10–20% (at most 40 minutes), so each platform stays near half of the person's day;</li>
 *   <li>handover (a cross-platform REST_BREAK): one app the first half of the stretch and the other the second,
 *       overlapping 20–30 minutes, so neither alone works the limit.</li>
 * </ul>
 */
final class Coverage {
    private static final long MIN_FRAGMENT = 10 * 60_000L;

    static Map<Account, List<Interval>> assign(Timeline day, DayPlan plan, SplittableRandom rng) {
        Map<Account, List<Interval>> covered = new LinkedHashMap<>();
        plan.active().forEach(a -> covered.put(a, new ArrayList<>()));
        if (plan.active().size() == 1) {
            day.pieces.forEach(p -> covered.get(plan.active().get(0)).add(new Interval(p.start(), p.end())));
            return covered;
        }
        Account a = plan.active().get(0);
        Account b = plan.active().get(1);
        int turn = rng.nextInt(2);
        for (int s = 0; s < day.stretches(); s++) {
            long start = day.stretchStart(s);
            long end = day.stretchEnd(s);
            long span = end - start;
            boolean special = s == day.specialStretch && plan.special() != null;
            if (special && plan.special().target() == null && plan.special().shape() != Shape.REST) {
                boolean aFirst = rng.nextBoolean();
                long half = span / 2000 * 1000 + Seeds.between(rng, 10 * 60, 15 * 60) * 1000L;
                cover(day, s, start, start + half, covered.get(aFirst ? a : b));
                cover(day, s, end - half, end, covered.get(aFirst ? b : a));
                continue;
            }
            Account full;
            if (special && plan.special().target() != null) {
                full = plan.special().target();
            } else if (plan.fullCoverage() != null) {
                full = plan.fullCoverage();
            } else if (plan.split()) {
                full = (s + turn) % 2 == 0 ? a : b;
            } else {
                full = rng.nextBoolean() ? a : b;
            }
            Account other = full == a ? b : a;
            long window = plan.split()
                    ? Math.min(span * Seeds.between(rng, 100, 200) / 1000, 40 * 60_000L)
                    : Math.min(Math.max(span * Seeds.between(rng, 400, 800) / 1000, 60 * 60_000L), 200 * 60_000L);
            window = Math.min(window, span) / 1000 * 1000;
            long from = start + (span == window ? 0 : rng.nextLong(span - window + 1) / 1000 * 1000);
            cover(day, s, start, end, covered.get(full));
            cover(day, s, from, from + window, covered.get(other));
        }
        covered.values().forEach(list -> list.sort((x, y) -> Long.compare(x.start(), y.start())));
        return covered;
    }

    /** Adds the stretch's pieces clipped to [from, to), leaving out slivers under ten minutes. */
    private static void cover(Timeline day, int stretch, long from, long to, List<Interval> out) {
        for (Piece p : day.pieces) {
            if (p.stretch() != stretch) {
                continue;
            }
            long start = Math.max(p.start(), from);
            long end = Math.min(p.end(), to);
            if (end - start >= MIN_FRAGMENT) {
                out.add(new Interval(start, end));
            }
        }
    }
}
