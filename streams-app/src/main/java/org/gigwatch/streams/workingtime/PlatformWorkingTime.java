package org.gigwatch.streams.workingtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.WorkingTimeBasis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform scope (key platformId/workerId): session events and registrations in; violations, late events,
 * {@link WorkingDay}s (each account's closed local days) and {@link PersonSignal}s for the cross-platform scope out.
 *
 * <p>An event is de-duplicated on arrival, then held back until stream time has passed its time by the grace
 * period, and applied in event-time order (ties in offset order): out-of-order delivery within the grace gives the
 * result of in-order delivery. Older events go to {@link Topics#LATE}. Records with a null value are clock ticks:
 * they only move stream time (see {@link StreamClock}).
 */
final class PlatformWorkingTime implements Processor<String, SpecificRecord, String, Object> {
    static final String LATE_REASON_HEADER = "gigwatch.late.reason";
    private static final Logger log = LoggerFactory.getLogger(PlatformWorkingTime.class);

    private final WorkingTimeConfig config;
    private final RuleBook book;
    private ProcessorContext<String, Object> context;
    private WindowStore<String, Long> seen;
    private EventTimeQueue<SessionEvent> pending;
    private KeyValueStore<String, WorkerRegistration> registrations;
    private Subjects<PlatformWorker> workers;
    private Sensor late;
    private Sensor duplicates;
    private Sensor anomalies;
    /** Every held-back event before it has been applied and every subject advanced to it. */
    private long released = Long.MIN_VALUE;
    /** The last watermark told to the cross-platform scope (re-sent after a restart: harmless, they only rise). */
    private long watermarkSent = Long.MIN_VALUE;

    PlatformWorkingTime(WorkingTimeConfig config) {
        this.config = config;
        this.book = new RuleBook(config.rules());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.seen = context.getStateStore(WorkingTimeTopology.SEEN_EVENTS_STORE);
        this.pending = new EventTimeQueue<>(context.getStateStore(WorkingTimeTopology.PENDING_EVENTS_STORE));
        this.registrations = context.getStateStore(WorkingTimeTopology.REGISTRATIONS_STORE);
        this.workers = new Subjects<>(context.getStateStore(WorkingTimeTopology.WORKERS_STORE),
                context.getStateStore(WorkingTimeTopology.WORKER_TIMERS_STORE));
        String task = context.taskId().toString();
        this.late = sensor(task, "late-events");
        this.duplicates = sensor(task, "duplicate-events");
        this.anomalies = sensor(task, "session-anomalies");
    }

    private Sensor sensor(String task, String name) {
        return context.metrics().addRateTotalSensor("gigwatch-working-time", task, name, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof WorkerRegistration registration) {
            register(record, registration);
        } else if (record.value() instanceof SessionEvent event) {
            accept(record, event);
        }
        release(context.currentStreamTimeMs() - config.grace().toMillis());
    }

    private void register(Record<String, SpecificRecord> record, WorkerRegistration registration) {
        registrations.put(record.key(), registration);
        if (registration.getWorkerKey() != null) {
            PersonSignal signal = new PersonSignal(PersonSignal.Kind.REGISTERED, registration.getWorkerKey(),
                    registration.getPlatformId(), registration.getCategory().name(), registration.getRegion(),
                    record.timestamp(), registration.getEventId(), source());
            context.forward(new Record<>(registration.getWorkerKey(), signal, record.timestamp()));
        }
    }

    private void accept(Record<String, SpecificRecord> record, SessionEvent event) {
        String id = event.getPlatformId() + "/" + event.getEventId();
        long at = event.getOccurredAt().toEpochMilli();
        if (seen.fetch(id, at) != null) {
            duplicates.record();
            log.debug("duplicate event {} ignored", id);
            return;
        }
        long streamTime = context.currentStreamTimeMs();
        if (at < streamTime - config.grace().toMillis()) {
            late.record();
            String reason = "occurredAt " + event.getOccurredAt() + " is more than " + config.grace()
                    + " before stream time " + Instant.ofEpochMilli(streamTime);
            record.headers().add(LATE_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            context.forward(record.withValue(event));
            return;
        }
        seen.put(id, at, at);
        // not late means at >= stream time - grace >= the bound released so far: it always waits in the queue
        String offset = context.recordMetadata().map(m -> String.format("%019d", m.offset())).orElse("");
        pending.add(at, offset, event);
    }

    /**
     * Applies every held-back event strictly before {@code upTo} (events at {@code upTo} itself are not late and may
     * still come), then advances every subject due by {@code upTo}.
     */
    private void release(long upTo) {
        if (upTo <= released) {
            return;
        }
        released = upTo;
        pending.pollUpTo(upTo - 1).forEach(this::apply);
        workers.forEachDue(upTo, (key, worker) -> advance(key, worker, upTo));
        // "every signal before it is sent"; whole intervals only: one a minute of stream time, the same on every replay
        long interval = config.watermarkInterval().toMillis();
        long watermark = Math.floorDiv(upTo, interval) * interval;
        if (watermark > watermarkSent) {
            watermarkSent = watermark;
            context.forward(new Record<>(WorkingTimeTopology.WATERMARK_KEY, PersonSignal.watermark(source(), watermark),
                    watermark));
        }
    }

    private void apply(SessionEvent event) {
        String key = Topics.workerKey(event.getPlatformId(), event.getWorkerId());
        long at = event.getOccurredAt().toEpochMilli();
        PlatformWorker worker = workers.get(key);
        if (worker == null) {
            worker = new PlatformWorker();
        }
        worker.region = event.getRegion();
        if (event.getWorkerKey() != null) {
            worker.workerKey = event.getWorkerKey();
        }
        Alerts.Subject subject = subject(key, worker);
        WorkingTime.Rules rules = book.rules(subject.category(), subject.region());
        WorkingTime.Output out = output(key, worker, subject);
        switch (worker.session.apply(event.getType())) {
            case ONLINE -> {
                worker.time.start(WorkingTimeBasis.ONLINE, at, event.getEventId(), rules, out);
                signal(event, PersonSignal.Kind.ONLINE, subject);
            }
            case OFFLINE -> {
                worker.time.stop(WorkingTimeBasis.ONLINE, at, event.getEventId(), rules, out);
                signal(event, PersonSignal.Kind.OFFLINE, subject);
            }
            case ANOMALY -> {
                anomalies.record();
                log.debug("{} of {} at {} does not fit the session; ignored (docs/WORKING-TIME.md)", event.getType(), key,
                        event.getOccurredAt());
                worker.time.advanceTo(at, rules, out);
            }
            case NONE -> worker.time.advanceTo(at, rules, out);
        }
        workers.save(key, worker, rules);
    }

    private void advance(String key, PlatformWorker worker, long upTo) {
        Alerts.Subject subject = subject(key, worker);
        WorkingTime.Rules rules = book.rules(subject.category(), subject.region());
        worker.time.advanceTo(upTo, rules, output(key, worker, subject));
        workers.save(key, worker, rules);
    }

    private void signal(SessionEvent event, PersonSignal.Kind kind, Alerts.Subject subject) {
        if (event.getWorkerKey() != null) {
            long at = event.getOccurredAt().toEpochMilli();
            context.forward(new Record<>(event.getWorkerKey(), new PersonSignal(kind, event.getWorkerKey(), event.getPlatformId(),
                    subject.category(), event.getRegion(), at, event.getEventId(), source()), at));
        }
    }

    /** Who the account is: its category comes from its registration (unregistered: see {@link RuleBook}). */
    private Alerts.Subject subject(String key, PlatformWorker worker) {
        WorkerRegistration registration = registrations.get(key);
        String category = registration == null ? RuleBook.UNREGISTERED : registration.getCategory().name();
        String platformId = key.substring(0, key.indexOf('/'));
        return new Alerts.Subject(Scope.PLATFORM, key, platformId, List.of(platformId), worker.region, category);
    }

    /** Violations, and each closed local day with working time as a {@link WorkingDay} for the pay rules. */
    private WorkingTime.Output output(String key, PlatformWorker worker, Alerts.Subject subject) {
        return new WorkingTime.Output() {
            @Override
            public void accept(Finding finding) {
                context.forward(new Record<>(subject.workerKey(), Alerts.violation(finding, subject, book.pack()),
                        finding.detectedAt()));
            }

            @Override
            public void closed(LocalDay day) {
                if (day.onlineMs > 0 || day.orderMs > 0) {
                    context.forward(new Record<>(key, workingDay(key, worker, day), day.end));
                }
            }
        };
    }

    private WorkingDay workingDay(String key, PlatformWorker worker, LocalDay day) {
        WorkerRegistration registration = registrations.get(key);
        List<String> evidence = new ArrayList<>(day.onlineEvidence);
        evidence.addAll(day.orderEvidence);
        return WorkingDay.newBuilder()
                .setPlatformId(key.substring(0, key.indexOf('/')))
                .setWorkerId(key.substring(key.indexOf('/') + 1))
                .setWorkerKey(registration != null && registration.getWorkerKey() != null ? registration.getWorkerKey()
                        : worker.workerKey)
                .setRegion(worker.region)
                .setCategory(registration == null ? null : registration.getCategory())
                .setDay(day.localDate())
                .setDayStart(Instant.ofEpochMilli(day.start))
                .setDayEnd(Instant.ofEpochMilli(day.end))
                .setOnlineMillis(day.onlineMs)
                .setOrderMillis(day.orderMs)
                .setEvidenceEventIds(evidence)
                .build();
    }

    /** This task's partition: the cross-platform scope merges its upstream tasks by it. */
    private int source() {
        return context.taskId().partition();
    }
}
