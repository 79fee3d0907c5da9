package org.gigwatch.streams.replay;

/** Where a replay reports how far it got: records read of records to read, per phase. */
@FunctionalInterface
public interface ReplayProgress {
    /**
     * @param phase what is being read now ("copying the range", "working time", "pay")
     * @param read  records read so far in this phase
     * @param total records this phase reads in all (may grow while an upstream phase still writes)
     */
    void update(String phase, long read, long total);

    String COPY = "copying the range";
    String WORKING_TIME = "working time";
    String PAY = "pay";

    ReplayProgress NONE = (phase, read, total) -> {};
}
