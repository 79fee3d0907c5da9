package org.gigwatch.simulator.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gigwatch.avro.Industry;
import org.gigwatch.simulator.model.Interval;

/**
 * Fills an app's online pieces with orders: offered a few seconds before accepted, then picked up and delivered
 * (or cancelled), all inside the piece. Orders come faster at the lunch and dinner peaks, and riders and couriers
 * often take a second order while carrying the first. The first order of a piece is never cancelled, so every
 * piece has a paid order to carry its share of the day's pay.
 */
final class OrderFiller {
    /** An order's timing before it is paid. pickedUp is -1 when cancelled before pickup. */
    record Slot(long offered, long accepted, long pickedUp, long ended, boolean delivered, long distance) {}

    private record Pace(int pickupMin, int pickupMax, int deliverMin, int deliverMax, int idlePeakMax, int idleMax,
                        double stackPeak, double stack, int distanceMin, int distanceMax) {}

    private static final Pace FOOD = new Pace(240, 900, 360, 1500, 180, 900, 0.35, 0.10, 800, 6000);
    private static final Pace RIDE = new Pace(180, 600, 480, 2700, 300, 1200, 0.0, 0.0, 2000, 25000);
    private static final Pace PARCEL = new Pace(300, 1200, 600, 2400, 300, 600, 0.5, 0.3, 500, 4000);
    private static final double CANCELLED = 0.04;
    private static final long MARGIN = 30_000;

    static List<Slot> fill(List<Interval> pieces, Industry industry, boolean busyElsewhere, long dayStart,
                           SplittableRandom rng) {
        Pace pace = industry == Industry.RIDE_HAILING ? RIDE : industry == Industry.COURIER ? PARCEL : FOOD;
        // with a second app open, each app sees fewer of the worker's orders
        int idleFactor = busyElsewhere ? 16 : 10;
        List<Slot> slots = new ArrayList<>();
        for (Interval piece : pieces) {
            long t = piece.start() + Seeds.between(rng, 30, 120) * 1000L;
            boolean first = true;
            while (true) {
                long accepted = t;
                long toPickup = Seeds.between(rng, pace.pickupMin(), pace.pickupMax()) * 1000L;
                long toDeliver = Seeds.between(rng, pace.deliverMin(), pace.deliverMax()) * 1000L;
                if (accepted + toPickup + toDeliver > piece.end() - MARGIN) {
                    long room = (piece.end() - MARGIN - accepted) / 1000 * 1000;
                    if (!first || room < 240_000) {
                        break;
                    }
                    toPickup = room / 3000 * 1000; // a short first order rather than none
                    toDeliver = room - toPickup;
                }
                long offered = accepted - Seeds.between(rng, 5, 30) * 1000L;
                long distance = Seeds.between(rng, pace.distanceMin(), pace.distanceMax());
                boolean peak = peak(accepted, dayStart);
                Slot slot;
                if (!first && Seeds.chance(rng, CANCELLED)) {
                    slot = Seeds.chance(rng, 0.7)
                            ? new Slot(offered, accepted, -1, accepted + Seeds.between(rng, 60, (int) (toPickup / 1000)) * 1000L, false, distance)
                            : new Slot(offered, accepted, accepted + toPickup,
                                    accepted + toPickup + Seeds.between(rng, 60, (int) (toDeliver / 1000)) * 1000L, false, distance);
                } else {
                    slot = new Slot(offered, accepted, accepted + toPickup, accepted + toPickup + toDeliver, true, distance);
                }
                slots.add(slot);
                long idle = Seeds.between(rng, 30, peak ? pace.idlePeakMax() : pace.idleMax()) * idleFactor / 10 * 1000L;
                long stacked = slot.pickedUp() + Seeds.between(rng, 60, 300) * 1000L;
                boolean stack = slot.delivered() && stacked < slot.ended() && Seeds.chance(rng, peak ? pace.stackPeak() : pace.stack());
                t = stack ? stacked : slot.ended() + idle;
                first = false;
            }
        }
        slots.sort((x, y) -> Long.compare(x.accepted(), y.accepted()));
        return slots;
    }

    /** Lunch 11:00–13:00 and dinner 17:00–19:30, local. */
    private static boolean peak(long instant, long dayStart) {
        long secondOfDay = Math.floorMod((instant - dayStart) / 1000, 86_400L);
        return secondOfDay >= 11 * 3600 && secondOfDay < 13 * 3600 || secondOfDay >= 17 * 3600 && secondOfDay < 19 * 3600 + 1800;
    }

    private OrderFiller() {}
}
