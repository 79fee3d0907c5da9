package org.gigwatch.streams.workingtime;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gigwatch.avro.LateEvent;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.WorkingTimeBasis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform scope (key platformId/workerId): session and order events and registrations in; violations, late events,
 * {@link WorkingDay}s (each account's closed local days) and {@link PersonSignal}s for the cross-platform scope out.
 *
 * <p>An event is de-duplicated on arrival, then held back until stream time has passed its time by the grace
 * period, and applied in event-time order (ties in offset order): out-of-order delivery within the grace gives the
 * result of in-order delivery. Older events go to {@link Topics#LATE} as {@link LateEvent}s. Records with a null value are clock ticks:
 * they only move stream time (see {@link StreamClock}).
 */
final class PlatformWorkingTime implements Processor<String, SpecificRecord, String, Object> {
    private static final Logger log = LoggerFactory.getLogger(PlatformWorkingTime.class);

    private final WorkingTimeConfig config;
    private final RuleBook book;
    private ProcessorContext<String, Object> context;
    /** The events accepted in the last dedupeRetention of stream time, by {@code <occurredAt>|<platformId>/<eventId>}. */
    private EventTimeQueue<String> seen;
    private EventTimeQueue<SpecificRecord> pending;
    private KeyValueStore<String, WorkerRegistration> registrations;
    private Subjects<PlatformWorker> workers;
    private Sensor late;
    private Sensor duplicates;
    private Sensor anomalies;
    private Sensor orderAnomalies;
    /** Late events keep their original value, as their source topic's serde writes it. */
    private final LateEvents lateEvents;
    /** Every held-back event before it has been applied and every subject advanced to it. */
    private long released = Long.MIN_VALUE;
    /** The last watermark told to the cross-platform scope (re-sent after a restart: harmless, they only rise). */
    private long watermarkSent = Long.MIN_VALUE;

    PlatformWorkingTime(WorkingTimeConfig config) {
        this.config = config;
        this.book = new RuleBook(config.rules());
        this.lateEvents = new LateEvents(config.registryUrl());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.seen = new EventTimeQueue<>(context.getStateStore(WorkingTimeTopology.SEEN_EVENTS_STORE));
        this.pending = new EventTimeQueue<>(context.getStateStore(WorkingTimeTopology.PENDING_EVENTS_STORE));
        this.registrations = context.getStateStore(WorkingTimeTopology.REGISTRATIONS_STORE);
        this.workers = new Subjects<>(context.getStateStore(WorkingTimeTopology.WORKERS_STORE),
                context.getStateStore(WorkingTimeTopology.WORKER_TIMERS_STORE));
        String task = context.taskId().toString();
        this.late = sensor(task, "late-events");
        this.duplicates = sensor(task, "duplicate-events");
        this.anomalies = sensor(task, "session-anomalies");
        this.orderAnomalies = sensor(task, "order-anomalies");
    }

    private Sensor sensor(String task, String name) {
        return context.metrics().addRateTotalSensor("gigwatch-working-time", task, name, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof WorkerRegistration registration) {
            register(record, registration);
        } else if (record.value() != null) {
            accept(record, AccountEvent.of(record.value()));
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

    private void accept(Record<String, SpecificRecord> record, AccountEvent event) {
        String id = event.platformId() + "/" + event.eventId();
        long at = event.at();
        long streamTime = context.currentStreamTimeMs();
        if (at >= streamTime - config.dedupeRetention().toMillis() && seen.contains(at, id)) {
            duplicates.record();
            log.debug("duplicate event {} ignored", id);
            return;
        }
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (at < streamTime - config.grace().toMillis()) {
            late.record();
            context.forward(record.withValue(lateEvents.of(topic, event.eventId(), event.platformId(), at, streamTime,
                    config.grace(), record.value())));
            return;
        }
        seen.add(at, id, "");
        // not late means at >= stream time - grace >= the bound released so far: it always waits in the queue.
        // Ties in event time: by topic, then offset (sessions and orders share the queue; their offsets may collide)
        String offset = context.recordMetadata().map(m -> EventTimeQueue.padded(m.offset(), 19)).orElse("");
        pending.add(at, topic + "|" + offset, record.value());
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
        // ids older than the retention are forgotten (a repeat of one is late anyway: retention >= grace)
        seen.pollUpTo(context.currentStreamTimeMs() - config.dedupeRetention().toMillis() - 1);
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

    private void apply(SpecificRecord value) {
        AccountEvent event = AccountEvent.of(value);
        String key = Topics.workerKey(event.platformId(), event.workerId());
        PlatformWorker worker = workers.get(key);
        if (worker == null) {
            worker = new PlatformWorker();
        }
        worker.region = event.region();
        if (event.workerKey() != null) {
            worker.workerKey = event.workerKey();
        }
        Alerts.Subject subject = subject(key, worker);
        WorkingTime.Rules rules = book.rules(subject.category(), subject.region());
        WorkingTime.Output out = output(key, worker, subject);
        if (value instanceof SessionEvent session) {
            SessionPresence.Change change = worker.session.apply(session.getType());
            change(WorkingTimeBasis.ONLINE, change, event, worker, rules, out, subject);
            if (session.getType() == SessionEventType.LOGOUT && change != SessionPresence.Change.ANOMALY
                    && worker.orders.closeAll() > 0) {
                // an order still open at the logout ends there (docs/WORKING-TIME.md): no time after it is invented
                orderAnomalies.record();
                change(WorkingTimeBasis.ORDER, SessionPresence.Change.OFFLINE, event, worker, rules, out, subject);
            }
        } else if (value instanceof OrderEvent order) {
            change(WorkingTimeBasis.ORDER, worker.orders.apply(order.getType(), order.getOrderId()), event, worker, rules,
                    out, subject);
        }
        workers.save(key, worker, rules);
    }

    /** Applies a change of one kind of time; changes of the pack's working time are told to the person scope. */
    private void change(WorkingTimeBasis kind, SessionPresence.Change change, AccountEvent event, PlatformWorker worker,
                        WorkingTime.Rules rules, WorkingTime.Output out, Alerts.Subject subject) {
        switch (change) {
            case ONLINE -> worker.time.start(kind, event.at(), event.eventId(), rules, out);
            case OFFLINE -> worker.time.stop(kind, event.at(), event.eventId(), rules, out);
            case ANOMALY -> {
                (kind == WorkingTimeBasis.ONLINE ? anomalies : orderAnomalies).record();
                log.debug("event {} of {} does not fit its {}; ignored (docs/WORKING-TIME.md)", event.eventId(),
                        subject.workerKey(), kind == WorkingTimeBasis.ONLINE ? "session" : "order");
                worker.time.advanceTo(event.at(), rules, out);
            }
            case NONE -> worker.time.advanceTo(event.at(), rules, out);
        }
        if (kind == rules.basis() && (change == SessionPresence.Change.ONLINE || change == SessionPresence.Change.OFFLINE)) {
            signal(event, change == SessionPresence.Change.ONLINE ? PersonSignal.Kind.ONLINE : PersonSignal.Kind.OFFLINE,
                    subject);
        }
    }

    private void advance(String key, PlatformWorker worker, long upTo) {
        Alerts.Subject subject = subject(key, worker);
        WorkingTime.Rules rules = book.rules(subject.category(), subject.region());
        worker.time.advanceTo(upTo, rules, output(key, worker, subject));
        workers.save(key, worker, rules);
    }

    private void signal(AccountEvent event, PersonSignal.Kind kind, Alerts.Subject subject) {
        if (event.workerKey() != null) {
            context.forward(new Record<>(event.workerKey(), new PersonSignal(kind, event.workerKey(), event.platformId(),
                    subject.category(), event.region(), event.at(), event.eventId(), source()), event.at()));
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
        Set<String> evidence = new LinkedHashSet<>(day.onlineEvidence); // a LOGOUT may end both kinds of time
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
                .setEvidenceEventIds(List.copyOf(evidence))
                .build();
    }

    /** This task's partition: the cross-platform scope merges its upstream tasks by it. */
    private int source() {
        return context.taskId().partition();
    }
}
