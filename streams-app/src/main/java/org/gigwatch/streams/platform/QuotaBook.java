package org.gigwatch.streams.platform;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The quotas one platform published for one region and role (Jackson state), in the order they came. The quota in
 * force on a local day: of those with effectiveFrom ≤ the day and published before the day ended, the one with the
 * latest effectiveFrom; ties: the later published, then the later in the stream (docs/SIMULATOR.md section 5).
 */
public final class QuotaBook {
    /** A published quota: its event id, the day it takes effect (epoch day), when it was published, orders per day. */
    public record Entry(String eventId, long effectiveFrom, long publishedAt, int ordersPerDay) {}

    public List<Entry> quotas = new ArrayList<>();

    /**
     * Adds a published quota. An exact repeat of one held is a duplicate and ignored; a quota published again under
     * an event id held, with other content, replaces it as the later in the stream: a correction.
     */
    public boolean add(Entry entry) {
        if (quotas.contains(entry)) {
            return false;
        }
        quotas.removeIf(q -> q.eventId().equals(entry.eventId()));
        quotas.add(entry);
        return true;
    }

    public Optional<Entry> inForce(LocalDate day, long dayEnd) {
        Entry best = null;
        for (Entry q : quotas) {
            if (q.effectiveFrom() <= day.toEpochDay() && q.publishedAt() < dayEnd && (best == null
                    || q.effectiveFrom() > best.effectiveFrom()
                    || q.effectiveFrom() == best.effectiveFrom() && q.publishedAt() >= best.publishedAt())) {
                best = q;
            }
        }
        return Optional.ofNullable(best);
    }
}
