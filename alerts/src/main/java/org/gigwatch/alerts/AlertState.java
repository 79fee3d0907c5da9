package org.gigwatch.alerts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;

/**
 * What the router remembers of one alert (RocksDB, keyed by alertId): its published status, the latest detection
 * instant and content it accepted, and its history of published changes.
 *
 * <p>The lifecycle ({@link #next}): the first sighting opens the alert (as RESOLVED if it comes already resolved);
 * a change of content updates it; RESOLVED closes it for good. A repeat of the latest content, a version detected
 * before the latest one accepted (out of order), and anything after RESOLVED change nothing and are not published,
 * so the regulator topics only ever read OPEN, UPDATED..., RESOLVED.
 */
public record AlertState(ViolationStatus status, long detectedAt, String content, List<Change> history) {
    /** Changes kept per alert; an alert that changes more often keeps its first and latest ones. */
    static final int MAX_HISTORY = 50;

    /** One published change. */
    public record Change(ViolationStatus status, long detectedAt, long measured, long windowEnd, Long shortfall) {}

    /** The state after {@code incoming}, or empty when it is not published. Its status is the one to publish. */
    public static Optional<AlertState> next(AlertState current, Violation incoming) {
        long detectedAt = incoming.getDetectedAt().toEpochMilli();
        String content = content(incoming);
        ViolationStatus status;
        if (current == null) {
            status = incoming.getStatus() == ViolationStatus.RESOLVED ? ViolationStatus.RESOLVED : ViolationStatus.OPEN;
        } else if (current.status == ViolationStatus.RESOLVED || detectedAt < current.detectedAt) {
            return Optional.empty();
        } else if (incoming.getStatus() == ViolationStatus.RESOLVED) {
            status = ViolationStatus.RESOLVED;
        } else if (content.equals(current.content)) {
            return Optional.empty();
        } else {
            status = ViolationStatus.UPDATED;
        }
        List<Change> history = new ArrayList<>(current == null ? List.of() : current.history);
        history.add(new Change(status, detectedAt, incoming.getMeasured(), incoming.getWindowEnd().toEpochMilli(),
                incoming.getShortfall()));
        if (history.size() > MAX_HISTORY) {
            history.remove(1);
        }
        return Optional.of(new AlertState(status, detectedAt, content, List.copyOf(history)));
    }

    /** A digest of what a regulator sees change: measures, window, money, evidence (not the status or detection time). */
    static String content(Violation v) {
        String text = v.getMeasured() + "|" + v.getThreshold() + "|" + v.getUnit() + "|" + v.getWindowStart() + "|"
                + v.getWindowEnd() + "|" + v.getShortfall() + "|" + v.getCurrency() + "|" + v.getEvidenceEventIds() + "|"
                + new TreeMap<>(v.getDetails());
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
