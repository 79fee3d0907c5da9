package org.gigwatch.simulator.truth;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * How well a monitor found the ground truth: violations are matched on rule, scope, worker and window start;
 * repeated reports of one violation (OPEN, UPDATED, ...) count once.
 */
public record Score(int expected, int found, int matched) {
    public static Score of(Collection<ViolationKey> expected, Collection<ViolationKey> found) {
        Set<ViolationKey> truth = new HashSet<>(expected);
        Set<ViolationKey> reported = new HashSet<>(found);
        int matched = (int) reported.stream().filter(truth::contains).count();
        return new Score(truth.size(), reported.size(), matched);
    }

    public static Score of(GroundTruth truth, Collection<ViolationKey> found) {
        return of(truth.keys(), found);
    }

    /** One score per rule id seen in either set, by rule id. */
    public static Map<String, Score> byRule(Collection<ViolationKey> expected, Collection<ViolationKey> found) {
        Set<String> rules = new HashSet<>();
        expected.forEach(k -> rules.add(k.rule()));
        found.forEach(k -> rules.add(k.rule()));
        Map<String, Score> scores = new TreeMap<>();
        for (String rule : rules) {
            Predicate<ViolationKey> ofRule = k -> k.rule().equals(rule);
            scores.put(rule, of(expected.stream().filter(ofRule).toList(), found.stream().filter(ofRule).toList()));
        }
        return scores;
    }

    /** Share of the reports that are true; 1 when nothing was reported. */
    public double precision() {
        return found == 0 ? 1.0 : (double) matched / found;
    }

    /** Share of the ground truth that was reported; 1 when there was nothing to find. */
    public double recall() {
        return expected == 0 ? 1.0 : (double) matched / expected;
    }

    public int falsePositives() {
        return found - matched;
    }

    public int falseNegatives() {
        return expected - matched;
    }
}
