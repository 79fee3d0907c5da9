package org.gigwatch.streams.platform;

/**
 * What the account scope tells the quota judge, through the repartition topic keyed platformId/region/role: the
 * quotas published, each account's closed local days, and WATERMARKs ("upstream task {@code source} has released
 * everything before {@code at}"), broadcast to every partition so the judge knows when a day is complete.
 */
public record QuotaSignal(Kind kind, QuotaBook.Entry quota, QuotaDay day, int source, long at) {
    public enum Kind { QUOTA, DAY, WATERMARK }

    public static QuotaSignal quota(QuotaBook.Entry quota, int source, long at) {
        return new QuotaSignal(Kind.QUOTA, quota, null, source, at);
    }

    public static QuotaSignal day(QuotaDay day, int source) {
        return new QuotaSignal(Kind.DAY, null, day, source, day.dayEnd());
    }

    public static QuotaSignal watermark(int source, long at) {
        return new QuotaSignal(Kind.WATERMARK, null, null, source, at);
    }
}
