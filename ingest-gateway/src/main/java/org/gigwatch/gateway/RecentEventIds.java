package org.gigwatch.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The event ids this gateway published recently, so a retried batch writes nothing twice. An id is remembered
 * from the moment a batch claims it until {@code window} later (or until {@code capacity} newer ids push it out);
 * while its batch is still waiting for Kafka, a retry of it waits for that outcome instead of writing it again.
 *
 * <p>The memory is this process's: a restart, or a retry that reaches another gateway instance, is not
 * recognised here; the events' eventId lets the consumers drop those rarer duplicates.
 */
final class RecentEventIds {
    private final Duration window;
    private final int capacity;
    private final Clock clock;
    private static final CompletableFuture<Void> ACKNOWLEDGED = CompletableFuture.completedFuture(null);
    /** Oldest first, so expiry looks at the head only. */
    private final LinkedHashMap<String, Entry> entries;

    /** Small on purpose: up to a million of them live long enough to be copied by every young collection. */
    private record Entry(long claimedAtMillis, CompletableFuture<Void> acknowledged) {}

    RecentEventIds(Duration window, int capacity, Clock clock) {
        this.window = window;
        this.capacity = capacity;
        this.clock = clock;
        // sized for the capacity up front: growing a map of a million entries under the lock stalls every batch
        this.entries = new LinkedHashMap<>((int) Math.min(Integer.MAX_VALUE, capacity * 4L / 3 + 1));
    }

    /** What a batch may publish itself and which earlier publications of its other ids it must wait for. */
    final class Claim {
        private final List<Integer> owned = new ArrayList<>();
        private final List<String> ownedIds = new ArrayList<>();
        private final List<CompletableFuture<Void>> earlier = new ArrayList<>();

        /** Indexes (into the claimed list) of the events this batch publishes. */
        List<Integer> owned() {
            return owned;
        }

        /** Publications of the other ids, by this batch (a repeated id) or by an earlier one. */
        CompletableFuture<Void> earlier() {
            return CompletableFuture.allOf(earlier.toArray(CompletableFuture[]::new));
        }

        /** Kafka acknowledged (true) or not (false) each owned event, in order; the unacknowledged are forgotten. */
        void settle(List<Boolean> acknowledged) {
            settle(acknowledged, java.util.Set.of());
        }

        /**
         * As {@link #settle(List)}, where the events at {@code deadLettered} (indexes into the owned ones) went to
         * the dead-letter topic: they are forgotten, so a later retry tries to place them again, but the batches
         * waiting for them now are not failed (their try is settled; they count them as duplicates).
         */
        void settle(List<Boolean> acknowledged, java.util.Set<Integer> deadLettered) {
            synchronized (RecentEventIds.this) {
                for (int i = 0; i < ownedIds.size(); i++) {
                    Entry entry = entries.get(ownedIds.get(i));
                    if (deadLettered.contains(i)) {
                        entries.remove(ownedIds.get(i), entry);
                        entry.acknowledged().complete(null);
                    } else if (acknowledged.get(i)) {
                        entry.acknowledged().complete(null);
                        entries.replace(ownedIds.get(i), entry, new Entry(entry.claimedAtMillis(), ACKNOWLEDGED)); // one shared future
                    } else {
                        entries.remove(ownedIds.get(i), entry);
                        entry.acknowledged().completeExceptionally(new IllegalStateException("not acknowledged"));
                    }
                }
            }
        }
    }

    /** Claims the ids (each platform/kind/eventId) of a batch's valid events, in order. */
    synchronized Claim claim(List<String> ids) {
        long now = clock.millis();
        expire(now); // before the look-ups: an id past the window is new again
        Claim claim = new Claim();
        for (int i = 0; i < ids.size(); i++) {
            Entry known = entries.get(ids.get(i));
            if (known != null) {
                claim.earlier.add(known.acknowledged());
            } else {
                entries.put(ids.get(i), new Entry(now, new CompletableFuture<>()));
                claim.owned.add(i);
                claim.ownedIds.add(ids.get(i));
            }
        }
        expire(now); // and after: the new ids may have gone over the capacity
        return claim;
    }

    synchronized int size() {
        return entries.size();
    }

    private void expire(long now) {
        long oldest = now - window.toMillis();
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Entry entry = it.next().getValue();
            boolean full = entries.size() > capacity;
            // a pending entry stays until settled: its batch still holds it and a retry must wait for it
            if (!(full || entry.claimedAtMillis() < oldest) || !entry.acknowledged().isDone()) {
                return;
            }
            it.remove();
        }
    }
}
