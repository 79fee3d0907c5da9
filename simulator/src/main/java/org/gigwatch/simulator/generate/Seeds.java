package org.gigwatch.simulator.generate;

import java.util.SplittableRandom;

/**
 * Independent random streams keyed by what they decide (the seed, a purpose, a worker, a day, ...), so any part
 * of the model can be regenerated on its own and comes out the same: the day loop and the oracle pass see the
 * same world, whatever order they ask in.
 */
final class Seeds {
    static final long WORKER = 1, WEEK = 2, MONTH = 3, DAY = 4, TIMELINE = 5, COVERAGE = 6, ORDERS = 7, PAY = 8,
            PAYOUTS = 9, SECRET = 10, INCIDENTS = 11, QUOTAS = 12;

    /** SplitMix64's finalizer: a bijection of 64-bit values that scatters nearby inputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static SplittableRandom rng(long seed, long purpose, long a, long b) {
        long h = mix(seed + 0x9E3779B97F4A7C15L);
        h = mix(h ^ mix(purpose + 0x632BE59BD9B4E019L));
        h = mix(h ^ mix(a + 0x2545F4914F6CDD1DL));
        h = mix(h ^ mix(b + 0x3C6EF372FE94F82BL));
        return new SplittableRandom(h);
    }

    static SplittableRandom rng(long seed, long purpose, long a) {
        return rng(seed, purpose, a, 0);
    }

    /** A uniform int in [from, to] (inclusive). */
    static int between(SplittableRandom rng, int from, int to) {
        return from >= to ? from : rng.nextInt(from, to + 1);
    }

    static boolean chance(SplittableRandom rng, double probability) {
        return rng.nextDouble() < probability;
    }

    private Seeds() {}
}
