package org.gigwatch.streams.platform;

import java.time.ZoneId;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.Quota;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.streams.workingtime.AccountEvent;
import org.gigwatch.streams.workingtime.EventTimeQueue;
import org.gigwatch.streams.workingtime.LateEvents;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;

/**
 * The account scope of the platform rules (key platformId/workerId, as the event topics are keyed): sessions, orders,
 * registrations and quotas in. Events are de-duplicated, held back for the grace period and applied in event-time
 * order (ties: topic, then offset), exactly as in the working-time topology; older ones go to gigwatch.events.late.
 * Out: each account's closed local days ({@link QuotaDay}) and the quotas, for the quota judge; order, logout and
 * incident signals for the trip finder; and after each release a watermark to both.
 */
final class AccountActivity implements Processor<String, SpecificRecord, String, Object> {
    private final WorkingTimeConfig config;
    private final RulePack pack;
    private final LateEvents lateEvents;
    private ProcessorContext<String, Object> context;
    private WindowStore<String, Long> seen;
    private EventTimeQueue<SpecificRecord> pending;
    private KeyValueStore<String, WorkerRegistration> registrations;
    private KeyValueStore<String, AccountDayLog> accounts;
    private EventTimeQueue<String> timers;
    private Sensor late;
    private Sensor duplicates;
    private long released = Long.MIN_VALUE;
    private long watermarkSent = Long.MIN_VALUE;

    AccountActivity(WorkingTimeConfig config) {
        this.config = config;
        this.pack = config.rules();
        this.lateEvents = new LateEvents(config.registryUrl());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.seen = context.getStateStore(PlatformTopology.SEEN_EVENTS_STORE);
        this.pending = new EventTimeQueue<>(context.getStateStore(PlatformTopology.PENDING_EVENTS_STORE));
        this.registrations = context.getStateStore(PlatformTopology.REGISTRATIONS_STORE);
        this.accounts = context.getStateStore(PlatformTopology.ACCOUNTS_STORE);
        this.timers = new EventTimeQueue<>(context.getStateStore(PlatformTopology.ACCOUNT_TIMERS_STORE));
        String task = context.taskId().toString();
        this.late = context.metrics().addRateTotalSensor("gigwatch-platform", task, "late-events", Sensor.RecordingLevel.INFO);
        this.duplicates = context.metrics().addRateTotalSensor("gigwatch-platform", task, "duplicate-events",
                Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof WorkerRegistration registration) {
            registrations.put(record.key(), registration);
        } else if (record.value() instanceof Quota quota) {
            // published quotas are not held back: the judge picks the one in force when it judges a day (it waits for
            // this task's watermark past the day's end, which comes after every quota this task forwarded before)
            QuotaBook.Entry entry = new QuotaBook.Entry(quota.getEventId(), quota.getEffectiveFrom().toEpochDay(),
                    quota.getOccurredAt().toEpochMilli(), quota.getOrdersPerDay());
            context.forward(new Record<>(QuotaDay.group(quota.getPlatformId(), quota.getRegion(), quota.getRole()),
                    QuotaSignal.quota(entry, source(), record.timestamp()), record.timestamp()));
        } else if (record.value() != null) {
            accept(record);
        }
        release(context.currentStreamTimeMs() - config.grace().toMillis());
    }

    private void accept(Record<String, SpecificRecord> record) {
        AccountEvent event = AccountEvent.of(record.value());
        String id = event.platformId() + "/" + event.eventId();
        if (seen.fetch(id, event.at()) != null) {
            duplicates.record();
            return;
        }
        long streamTime = context.currentStreamTimeMs();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (event.at() < streamTime - config.grace().toMillis()) {
            late.record();
            context.forward(record.withValue(lateEvents.of(topic, event.eventId(), event.platformId(), event.at(),
                    streamTime, config.grace(), record.value())));
            return;
        }
        seen.put(id, event.at(), event.at());
        String offset = context.recordMetadata().map(m -> EventTimeQueue.padded(m.offset(), 19)).orElse("");
        pending.add(event.at(), topic + "|" + offset, record.value()); // ties: orders before sessions, as working time
    }

    /** Applies every held-back event strictly before {@code upTo}, closes the days ended by then, sends watermarks. */
    private void release(long upTo) {
        if (upTo <= released) {
            return;
        }
        released = upTo;
        pending.pollUpTo(upTo - 1).forEach(this::apply);
        for (String key : timers.pollUpTo(upTo)) {
            AccountDayLog log = accounts.get(key);
            if (log != null) {
                log.scheduled = null; // its timer entry is gone
                log.advanceTo(upTo, closedDays());
                save(key, log);
            }
        }
        long interval = config.watermarkInterval().toMillis();
        long watermark = Math.floorDiv(upTo, interval) * interval;
        if (watermark > watermarkSent) {
            watermarkSent = watermark;
            context.forward(new Record<>(PlatformTopology.BROADCAST_KEY, QuotaSignal.watermark(source(), watermark), watermark));
            context.forward(new Record<>(PlatformTopology.BROADCAST_KEY, TripSignal.watermark(source(), watermark), watermark));
        }
    }

    private void apply(SpecificRecord value) {
        AccountEvent event = AccountEvent.of(value);
        String key = Topics.workerKey(event.platformId(), event.workerId());
        AccountDayLog log = accounts.get(key);
        if (log == null) {
            log = new AccountDayLog(event.platformId(), event.workerId(), event.region(), zone(event.region()));
        }
        WorkerRegistration registration = registrations.get(key);
        if (registration != null) {
            log.role = registration.getRole();
            log.region = registration.getRegion();
            log.legalMs = QuotaDay.legalMs(pack, registration.getCategory());
        }
        String person = event.workerKey() != null ? event.workerKey() : key;
        if (value instanceof SessionEvent session) {
            log.session(session.getType(), event.at(), closedDays());
            if (session.getType() == SessionEventType.INCIDENT || session.getType() == SessionEventType.LOGOUT) {
                trip(session.getType() == SessionEventType.INCIDENT ? TripSignal.Kind.INCIDENT : TripSignal.Kind.LOGOUT,
                        person, event, null);
            }
        } else if (value instanceof OrderEvent order) {
            if (order.getType() == OrderEventType.DELIVERED) {
                log.delivered(event.at(), closedDays());
            } else {
                log.advanceTo(event.at(), closedDays());
            }
            switch (order.getType()) {
                case ACCEPTED -> trip(TripSignal.Kind.ACCEPTED, person, event, order.getOrderId());
                case DELIVERED, CANCELLED -> trip(TripSignal.Kind.ENDED, person, event, order.getOrderId());
                default -> { }
            }
        }
        save(key, log);
    }

    private void trip(TripSignal.Kind kind, String person, AccountEvent event, String orderId) {
        context.forward(new Record<>(person, new TripSignal(kind, person, event.platformId(), event.workerId(),
                event.region(), orderId, event.eventId(), event.at(), source()), event.at()));
    }

    private Consumer<QuotaDay> closedDays() {
        return day -> context.forward(new Record<>(day.group(), QuotaSignal.day(day, source()), day.dayEnd()));
    }

    /** Stores the account (or drops it when idle) and files it under the end of its day. */
    private void save(String key, AccountDayLog log) {
        Long due = log.idle() ? null : log.due();
        if (log.scheduled != null && !log.scheduled.equals(due)) {
            timers.remove(log.scheduled, key);
            log.scheduled = null;
        }
        if (due != null && log.scheduled == null) {
            timers.add(due, key, key);
            log.scheduled = due;
        }
        if (log.idle()) {
            accounts.delete(key);
        } else {
            accounts.put(key, log);
        }
    }

    private ZoneId zone(String region) {
        return pack.region(region).zone();
    }

    private int source() {
        return context.taskId().partition();
    }
}
