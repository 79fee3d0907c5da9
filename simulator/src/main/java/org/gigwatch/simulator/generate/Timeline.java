package org.gigwatch.simulator.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gigwatch.simulator.generate.Plans.DayPlan;
import org.gigwatch.simulator.generate.Plans.Shape;
import org.gigwatch.simulator.generate.Plans.Special;

/**
 * The person's working day before it is shared out between platforms: pieces of work (whole seconds, epoch ms)
 * grouped into stretches. Inside a stretch pieces are separated by short gaps (2–15 min, not rests); stretches
 * are separated by rests (at least the qualifying rest; 25–60 min, meal breaks). A baseline stretch holds at
 * most 210 minutes of work, well under the 240-minute limit; only a REST_BREAK case builds a longer one.
 */
final class Timeline {
    enum GapStyle {
        /** declared with BREAK_START / BREAK_END, the app stays logged in */
        BREAK,
        /** the app is closed: LOGOUT, then LOGIN */
        LOGOUT
    }

    record Piece(long start, long end, int stretch) {
        long length() {
            return end - start;
        }
    }

    private static final int MIN_PIECE = 20 * 60;
    private static final int MAX_STRETCH = 210 * 60;
    private static final int EARLIEST_START = 5 * 3600;

    final List<Piece> pieces;
    /** gapAfter[i] is the style of the gap between piece i and piece i + 1. */
    final GapStyle[] gapAfter;
    /** The stretch a REST_BREAK case was built as (the first of two for a rest-of-exactly case), or -1. */
    final int specialStretch;

    private Timeline(List<Piece> pieces, GapStyle[] gapAfter, int specialStretch) {
        this.pieces = pieces;
        this.gapAfter = gapAfter;
        this.specialStretch = specialStretch;
    }

    int stretches() {
        return pieces.isEmpty() ? 0 : pieces.get(pieces.size() - 1).stretch() + 1;
    }

    long stretchStart(int stretch) {
        return pieces.stream().filter(p -> p.stretch() == stretch).mapToLong(Piece::start).min().orElseThrow();
    }

    long stretchEnd(int stretch) {
        return pieces.stream().filter(p -> p.stretch() == stretch).mapToLong(Piece::end).max().orElseThrow();
    }

    /** The style of the person's gap from..to, or LOGOUT when it is not one of theirs (a platform was offline). */
    GapStyle styleOfGap(long from, long to) {
        for (int i = 0; i + 1 < pieces.size(); i++) {
            if (pieces.get(i).end() == from && pieces.get(i + 1).start() == to) {
                return gapAfter[i];
            }
        }
        return GapStyle.LOGOUT;
    }

    /** A stretch before it is placed: piece and gap lengths in seconds. */
    private record Spec(int[] pieces, int[] gaps, GapStyle[] styles) {
        int elapsed() {
            return Arrays.stream(pieces).sum() + Arrays.stream(gaps).sum();
        }
    }

    /**
     * Lays the plan's working time out from the worker's preferred start, ending by latestEnd (epoch ms).
     *
     * @param restSeconds the qualifying rest of the worker's category
     */
    static Timeline build(DayPlan plan, ShiftPreference shift, int restSeconds, long dayStart, long latestEnd,
                          SplittableRandom rng) {
        boolean longDay = plan.workSeconds() > 10 * 3600;
        int maxGaps = longDay ? 1 : 2;
        Special special = plan.special();
        List<Spec> specs = new ArrayList<>();
        List<Spec> specialSpecs = new ArrayList<>();
        int remaining = plan.workSeconds();
        if (special != null) {
            remaining -= special.seconds();
            switch (special.shape()) {
                case LONG, EDGE, EXACT -> specialSpecs.add(stretch(special.seconds(), maxGaps, rng));
                case GAP -> { // two pieces joined by a gap one second short of a qualifying rest
                    int first = Seeds.between(rng, 3600, special.seconds() - 3600);
                    specialSpecs.add(new Spec(new int[] {first, special.seconds() - first}, new int[] {restSeconds - 1},
                            new GapStyle[] {style(rng, 0.5)}));
                }
                case REST -> { // two stretches under the limit, a rest of exactly the qualifying length between them
                    int first = special.seconds() / 2 + Seeds.between(rng, -600, 600);
                    specialSpecs.add(stretch(first, maxGaps, rng));
                    specialSpecs.add(stretch(special.seconds() - first, maxGaps, rng));
                }
            }
        }
        specs.addAll(split(remaining, maxGaps, rng));
        int specialAt = special == null ? -1 : rng.nextInt(specs.size() + 1);
        if (special != null) {
            specs.addAll(specialAt, specialSpecs);
        }

        int[] rests = new int[Math.max(0, specs.size() - 1)];
        GapStyle[] restStyles = new GapStyle[rests.length];
        for (int i = 0; i < rests.length; i++) {
            boolean exact = special != null && special.shape() == Shape.REST && i == specialAt;
            rests[i] = exact ? restSeconds : restSeconds + Seeds.between(rng, 5 * 60, longDay ? 15 * 60 : 40 * 60);
            restStyles[i] = style(rng, 0.6);
        }
        int elapsed = specs.stream().mapToInt(Spec::elapsed).sum() + Arrays.stream(rests).sum();
        int latestStart = (int) ((latestEnd - dayStart) / 1000) - elapsed;
        int start = Math.min(Seeds.between(rng, shift.earliestStart, shift.latestStart), latestStart);
        if (start < EARLIEST_START) {
            throw new IllegalStateException("a day of " + plan.workSeconds() + " s of work (" + elapsed
                    + " s elapsed) does not fit on " + plan.date());
        }

        List<Piece> pieces = new ArrayList<>();
        List<GapStyle> gaps = new ArrayList<>();
        long t = dayStart + start * 1000L;
        for (int s = 0; s < specs.size(); s++) {
            Spec spec = specs.get(s);
            for (int i = 0; i < spec.pieces().length; i++) {
                pieces.add(new Piece(t, t + spec.pieces()[i] * 1000L, s));
                t += spec.pieces()[i] * 1000L;
                if (i < spec.gaps().length) {
                    t += spec.gaps()[i] * 1000L;
                    gaps.add(spec.styles()[i]);
                }
            }
            if (s < rests.length) {
                t += rests[s] * 1000L;
                gaps.add(restStyles[s]);
            }
        }
        return new Timeline(pieces, gaps.toArray(GapStyle[]::new), specialAt);
    }

    /** Baseline stretches of at most 210 minutes; a remainder under 20 minutes is not worked. */
    private static List<Spec> split(int seconds, int maxGaps, SplittableRandom rng) {
        List<Spec> specs = new ArrayList<>();
        if (seconds < MIN_PIECE) {
            return specs;
        }
        int longest = Seeds.between(rng, 150 * 60, MAX_STRETCH);
        int n = (seconds + longest - 1) / longest;
        int[] shares = new int[n];
        Arrays.fill(shares, seconds / n);
        shares[n - 1] += seconds % n;
        for (int i = 0; i + 1 < n; i++) { // uneven, within bounds
            int shift = Seeds.between(rng, -600, 600);
            if (inBounds(shares[i] + shift) && inBounds(shares[i + 1] - shift)) {
                shares[i] += shift;
                shares[i + 1] -= shift;
            }
        }
        for (int share : shares) {
            specs.add(stretch(share, maxGaps, rng));
        }
        return specs;
    }

    private static boolean inBounds(int stretch) {
        return stretch >= MIN_PIECE && stretch <= MAX_STRETCH;
    }

    /** One stretch of exactly {@code seconds} of work, in pieces of at least 20 minutes. */
    private static Spec stretch(int seconds, int maxGaps, SplittableRandom rng) {
        int gaps = seconds >= 80 * 60 ? new int[] {0, 1, 1, 1, 1, 1, 2, 2, 0, 0}[rng.nextInt(10)]
                : seconds >= 40 * 60 ? rng.nextInt(2) : 0;
        gaps = Math.min(gaps, maxGaps);
        int extra = seconds - (gaps + 1) * MIN_PIECE;
        int[] cuts = new int[gaps + 2];
        for (int i = 1; i <= gaps; i++) {
            cuts[i] = rng.nextInt(extra + 1);
        }
        cuts[gaps + 1] = extra;
        Arrays.sort(cuts, 1, gaps + 1);
        int[] pieces = new int[gaps + 1];
        int[] gapSeconds = new int[gaps];
        GapStyle[] styles = new GapStyle[gaps];
        for (int i = 0; i <= gaps; i++) {
            pieces[i] = MIN_PIECE + cuts[i + 1] - cuts[i];
            if (i < gaps) {
                gapSeconds[i] = Seeds.between(rng, 2 * 60, 15 * 60);
                styles[i] = style(rng, 0.5);
            }
        }
        return new Spec(pieces, gapSeconds, styles);
    }

    private static GapStyle style(SplittableRandom rng, double declared) {
        return Seeds.chance(rng, declared) ? GapStyle.BREAK : GapStyle.LOGOUT;
    }
}
