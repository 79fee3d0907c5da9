package org.gigwatch.streams.platform;

/**
 * What the account scope tells the trip finder, through the repartition topic keyed by the person (workerKey): order
 * acceptances and ends, logouts (which end the account's orders still open), incidents, each upstream task in its
 * event-time order, and WATERMARKs broadcast to every partition (see {@link QuotaSignal}).
 */
public record TripSignal(Kind kind, String person, String platformId, String workerId, String region, String orderId,
                         String eventId, long at, int source) {
    public enum Kind { ACCEPTED, ENDED, LOGOUT, INCIDENT, WATERMARK }

    public static TripSignal watermark(int source, long at) {
        return new TripSignal(Kind.WATERMARK, null, null, null, null, null, null, at, source);
    }
}
