package org.gigwatch.streams.platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.Topics;
import org.gigwatch.streams.workingtime.Alerts;
import org.gigwatch.streams.workingtime.EventTimeQueue;
import org.gigwatch.streams.workingtime.Watermarks;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;

/**
 * The quota judge (key platformId/region/role): holds the published quotas and every account's closed local days,
 * and judges a day of a platform, region and role once every upstream task's watermark has passed the day's end
 * (then every account's day has come). A violation is addressed to the platform: no workerKey, the role in details.
 */
final class QuotaJudge implements Processor<String, QuotaSignal, String, Violation> {
    static final String RULE = "QUOTA";

    private final WorkingTimeConfig config;
    private ProcessorContext<String, Violation> context;
    private KeyValueStore<String, QuotaBook> books;
    private EventTimeQueue<QuotaDay> days;
    private Watermarks watermarks;
    private long released = Long.MIN_VALUE;

    QuotaJudge(WorkingTimeConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, Violation> context) {
        this.context = context;
        this.books = context.getStateStore(PlatformTopology.QUOTA_BOOKS_STORE);
        this.days = new EventTimeQueue<>(context.getStateStore(PlatformTopology.QUOTA_DAYS_STORE));
        this.watermarks = new Watermarks(context.getStateStore(PlatformTopology.QUOTA_WATERMARKS_STORE),
                config.upstreamPartitions());
    }

    @Override
    public void process(Record<String, QuotaSignal> record) {
        QuotaSignal signal = record.value();
        switch (signal.kind()) {
            case QUOTA -> {
                QuotaBook book = books.get(record.key());
                book = book == null ? new QuotaBook() : book;
                if (book.add(signal.quota())) {
                    books.put(record.key(), book);
                }
            }
            case DAY -> days.add(signal.day().dayEnd(),
                    signal.day().group() + "|" + Topics.workerKey(signal.day().platformId(), signal.day().workerId()),
                    signal.day());
            case WATERMARK -> release(watermarks.advance(signal.source(), signal.at()));
        }
    }

    /** Judges every day ended at or before {@code upTo}: each upstream task has sent its days ended by then. */
    private void release(long upTo) {
        if (upTo <= released) {
            return;
        }
        released = upTo;
        Map<String, List<QuotaDay>> groups = new LinkedHashMap<>(); // the queue's order: day end, then group
        for (QuotaDay day : days.pollUpTo(upTo)) {
            groups.computeIfAbsent(day.group() + "|" + day.dayStart(), g -> new ArrayList<>()).add(day);
        }
        groups.values().forEach(this::judge);
    }

    private void judge(List<QuotaDay> members) {
        QuotaDay any = members.get(0);
        QuotaBook book = books.get(any.group());
        if (book == null) {
            return;
        }
        book.inForce(any.day(), any.dayEnd())
                .filter(q -> q.ordersPerDay() >= 1) // a quota of no orders asks for nothing
                .ifPresent(quota -> {
                    QuotaFeasibility.Share share = QuotaFeasibility.share(members, quota.ordersPerDay());
                    if (share.violation()) {
                        context.forward(new Record<>(any.group(), violation(any, quota, share), any.dayEnd()));
                    }
                });
    }

    private Violation violation(QuotaDay day, QuotaBook.Entry quota, QuotaFeasibility.Share share) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("role", day.role());
        details.put("ordersPerDay", String.valueOf(quota.ordersPerDay()));
        details.put("judged", String.valueOf(share.judged()));
        details.put("reached", String.valueOf(share.reached()));
        details.put("legalMinutes", String.valueOf(day.legalMs() / 60_000));
        details.put("timeToQuota", share.distribution());
        return Violation.newBuilder()
                .setAlertId(Alerts.alertId(RULE, Scope.PLATFORM, day.group(), day.dayStart()))
                .setRuleId(RULE)
                .setScope(Scope.PLATFORM)
                .setStatus(ViolationStatus.OPEN)
                .setPlatformId(day.platformId())
                .setPlatforms(List.of(day.platformId()))
                .setIndustries(Alerts.industries(List.of(day.platformId()), config.rules()))
                .setWorkerKey(null)
                .setRegion(day.region())
                .setWindowStart(Instant.ofEpochMilli(day.dayStart()))
                .setWindowEnd(Instant.ofEpochMilli(day.dayEnd()))
                .setDetectedAt(Instant.ofEpochMilli(day.dayEnd()))
                .setMeasured(share.basisPoints())
                .setThreshold(QuotaFeasibility.REQUIRED_PERCENT * 100L)
                .setUnit("BASIS_POINTS")
                .setRuleDataVersion(Topics.QUOTAS + "#" + quota.eventId())
                .setEvidenceEventIds(List.of(quota.eventId()))
                .setDetails(details)
                .build();
    }
}
