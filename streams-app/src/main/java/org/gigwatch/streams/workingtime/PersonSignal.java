package org.gigwatch.streams.workingtime;

/**
 * What the platform scope tells the cross-platform scope, through the repartition topic keyed by workerKey:
 * an account's registration, its ONLINE/OFFLINE transitions (de-duplicated, in event-time order per upstream
 * task), and WATERMARKs: "upstream task {@code source} has released everything up to {@code at}", broadcast to
 * every partition so that the cross-platform scope can merge its upstream tasks in event-time order.
 */
public record PersonSignal(Kind kind, String workerKey, String platformId, String category, String region, long at,
                           String eventId, int source) {
    public enum Kind { REGISTERED, ONLINE, OFFLINE, WATERMARK }

    public static PersonSignal watermark(int source, long at) {
        return new PersonSignal(Kind.WATERMARK, null, null, null, null, at, null, source);
    }
}
