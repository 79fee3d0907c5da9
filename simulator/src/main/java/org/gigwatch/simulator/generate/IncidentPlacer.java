package org.gigwatch.simulator.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gigwatch.avro.Scope;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.AccountHistory;
import org.gigwatch.simulator.model.Incident;
import org.gigwatch.simulator.model.Interval;
import org.gigwatch.simulator.model.PlatformDay;
import org.gigwatch.simulator.model.WorkerHistory;
import org.gigwatch.simulator.oracle.InjuryResponsibilityOracle;
import org.gigwatch.simulator.oracle.InjuryResponsibilityOracle.Trip;
import org.gigwatch.simulator.oracle.InjuryResponsibilityOracle.TripOrder;
import org.gigwatch.simulator.truth.Injection;
import org.gigwatch.simulator.truth.Rule;

/**
 * Places an INCIDENT in a worked day with probability r: during a trip that carries two platforms' orders (half of
 * the time, when the person has one that day), during any trip, at the exact end instant of a trip, or between
 * trips while an app is online (a near miss: no platform is named). The incident is reported through an app that
 * is online and not on a break at that instant: the app of an order in progress, or of the online piece. It uses a
 * random stream of its own, so the rest of the world is the same with or without incidents.
 */
final class IncidentPlacer {
    private static final List<String> WHAT = List.of("traffic collision", "fall from the vehicle", "hurt while loading",
            "bitten by a dog");

    record Placed(List<PlatformDay> platforms, List<Injection> injections) {}

    static Placed place(Profile p, List<PlatformDay> platforms, Map<Account, List<Interval>> online, double rate,
                        SplittableRandom rng) {
        if (!Seeds.chance(rng, rate)) {
            return new Placed(platforms, List.of());
        }
        List<AccountHistory> accounts = platforms.stream()
                .map(d -> new AccountHistory(d.account(), d.sessions(), d.orders(), List.of())).toList();
        List<Trip> trips = InjuryResponsibilityOracle.trips(new WorkerHistory(p.worker(), accounts));
        if (trips.isEmpty()) {
            return new Placed(platforms, List.of());
        }
        List<Trip> mixed = trips.stream()
                .filter(t -> t.orders().stream().map(o -> o.account().platformId()).distinct().count() > 1).toList();
        double kind = rng.nextDouble();
        Account reporter;
        long at;
        String variant;
        if (!mixed.isEmpty() && kind < 0.5) {
            Trip trip = mixed.get(rng.nextInt(mixed.size()));
            at = instantIn(trip, rng);
            reporter = carrying(trip, at);
            variant = "multi-platform-trip";
        } else if (kind < 0.8) {
            Trip trip = trips.get(rng.nextInt(trips.size()));
            at = instantIn(trip, rng);
            reporter = carrying(trip, at);
            variant = "on-trip";
        } else if (kind < 0.9) {
            Trip trip = trips.get(rng.nextInt(trips.size()));
            at = trip.end();
            reporter = carrying(trip, at);
            variant = "trip-end";
        } else {
            record Gap(Account account, Interval span) {}
            List<Gap> gaps = new ArrayList<>();
            online.forEach((account, pieces) -> pieces.forEach(piece -> free(piece, trips)
                    .forEach(span -> gaps.add(new Gap(account, span)))));
            if (gaps.isEmpty()) {
                return new Placed(platforms, List.of());
            }
            Gap gap = gaps.get(rng.nextInt(gaps.size()));
            at = gap.span().start() + 1000L * Seeds.between(rng, 1, (int) (gap.span().length() / 1000) - 1);
            reporter = gap.account();
            variant = "between-trips";
        }
        boolean onTrip = !variant.equals("between-trips");
        Account responsible = onTrip ? InjuryResponsibilityOracle.tripAt(trips, at).orElseThrow().responsible() : reporter;
        Injection label = new Injection(Rule.INJURY_RESPONSIBILITY, Scope.PLATFORM, responsible.key(),
                responsible.platformId(), at, at + 1, onTrip, variant);
        Incident incident = new Incident(at, WHAT.get(rng.nextInt(WHAT.size())));
        List<PlatformDay> placed = new ArrayList<>();
        for (PlatformDay d : platforms) {
            placed.add(d.account().equals(reporter)
                    ? new PlatformDay(d.account(), d.sessions(), d.orders(), List.of(incident)) : d);
        }
        return new Placed(placed, List.of(label));
    }

    /** A whole second in [start, end] of the trip. */
    private static long instantIn(Trip trip, SplittableRandom rng) {
        return trip.start() + 1000L * Seeds.between(rng, 0, (int) ((trip.end() - trip.start()) / 1000));
    }

    /**
     * The account of the latest-accepted order in progress at the instant (orders lie inside online pieces, so its
     * app is online): on a trip of two platforms often not the platform that insures it.
     */
    private static Account carrying(Trip trip, long at) {
        Account carrying = null;
        for (TripOrder o : trip.orders()) {
            if (o.order().acceptedAt() <= at && at <= o.order().endedAt()) {
                carrying = o.account();
            }
        }
        if (carrying == null) {
            throw new IllegalStateException("no order of the trip is in progress at " + at);
        }
        return carrying;
    }

    /** The spans of the piece on no trip, of at least 2 s, so an instant strictly inside both ends exists. */
    private static List<Interval> free(Interval piece, List<Trip> trips) {
        List<Interval> spans = new ArrayList<>();
        long from = piece.start();
        for (Trip trip : trips) {
            if (trip.end() < from || trip.start() > piece.end()) {
                continue;
            }
            if (trip.start() - from >= 2000) {
                spans.add(new Interval(from, trip.start()));
            }
            from = Math.max(from, trip.end());
        }
        if (piece.end() - from >= 2000) {
            spans.add(new Interval(from, piece.end()));
        }
        return spans;
    }

    private IncidentPlacer() {}
}
