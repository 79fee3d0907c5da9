package org.gigwatch.streams.replay;

import java.time.Duration;
import java.util.List;
import org.gigwatch.avro.LateEvent;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.WorkingDay;

/**
 * What a replay wrote: every violation record of its violations topic (the warm-up's too, partition by partition),
 * the working days, the events the topologies found too late (within the copy: should be none), and the pay per
 * account-day from its orders.
 *
 * @param recordsCopied input records copied from the live topics (the replay's input, ticks included)
 */
public record ReplayResult(ReplayRequest request, long recordsCopied, List<Violation> violations,
                           List<WorkingDay> workingDays, List<LateEvent> lateEvents, DayPay dayPay, Duration elapsed) {
    /** The report over the range (the warm-up left out). */
    public ReplayReport report(String label) {
        return ReplayReport.of(label, request.from(), request.to(), request.pack(), violations, workingDays, dayPay);
    }
}
