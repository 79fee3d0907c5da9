package org.gigwatch.simulator.emit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.specific.SpecificRecord;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.PayoutLine;
import org.gigwatch.avro.Quota;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.SessionEventType;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.Order;
import org.gigwatch.simulator.model.PayLine;
import org.gigwatch.simulator.model.Payout;
import org.gigwatch.simulator.model.PublishedQuota;
import org.gigwatch.simulator.model.Worker;

/**
 * Makes the model's happenings into Avro events and sends them, keyed platformId/workerId, with the record
 * timestamp = occurredAt. When the sink serializes on send, one record object per type is reused.
 */
final class Events {
    private final EventSink sink;
    private final LongAdder registrations;
    private final LongAdder sessions;
    private final LongAdder orders;
    private final LongAdder payouts;
    private final LongAdder quotas;
    private final boolean fresh;
    private final Map<String, String> currencies = new HashMap<>();
    private final SessionEvent session = new SessionEvent();
    private final OrderEvent order = new OrderEvent();

    Events(EventSink sink, TopicCounters counters, RulePack pack) {
        this.sink = sink;
        this.registrations = counters.counter(Topics.REGISTRATIONS);
        this.sessions = counters.counter(Topics.SESSIONS);
        this.orders = counters.counter(Topics.ORDERS);
        this.payouts = counters.counter(Topics.PAYOUTS);
        this.quotas = counters.counter(Topics.QUOTAS);
        this.fresh = sink.retainsValues();
        for (MinimumWage wage : pack.minimumWages()) {
            currencies.putIfAbsent(wage.getRegion(), wage.getCurrency());
        }
    }

    void registration(Worker w, Account a, long at) {
        WorkerRegistration value = new WorkerRegistration("reg-" + a.platformId() + "-" + a.workerId(), a.platformId(),
                a.workerId(), w.workerKey(), w.region(), Instant.ofEpochMilli(at), w.category(), w.region(), w.role());
        send(Topics.REGISTRATIONS, registrations, a.key(), at, value);
    }

    void session(Worker w, Account a, String eventId, long at, SessionEventType type) {
        session(w, a, eventId, at, type, null);
    }

    void session(Worker w, Account a, String eventId, long at, SessionEventType type, String details) {
        SessionEvent value = fresh ? new SessionEvent() : session;
        value.setEventId(eventId);
        value.setPlatformId(a.platformId());
        value.setWorkerId(a.workerId());
        value.setWorkerKey(w.workerKey());
        value.setRegion(w.region());
        value.setOccurredAt(Instant.ofEpochMilli(at));
        value.setType(type);
        value.setDetails(details);
        send(Topics.SESSIONS, sessions, a.key(), at, value);
    }

    void order(Worker w, Account a, Order o, OrderEventType type, String eventId, long at) {
        OrderEvent value = fresh ? new OrderEvent() : order;
        boolean paid = type == OrderEventType.DELIVERED;
        value.setEventId(eventId);
        value.setPlatformId(a.platformId());
        value.setWorkerId(a.workerId());
        value.setWorkerKey(w.workerKey());
        value.setRegion(w.region());
        value.setOccurredAt(Instant.ofEpochMilli(at));
        value.setOrderId(o.orderId());
        value.setType(type);
        value.setCurrency(currency(w));
        value.setBasePay(paid ? o.basePay() : null);
        value.setIncentivePay(paid ? o.incentivePay() : null);
        value.setTip(paid && o.tip() > 0 ? o.tip() : null);
        value.setDistanceMeters(type == OrderEventType.OFFERED || paid ? o.distanceMeters() : null);
        send(Topics.ORDERS, orders, a.key(), at, value);
    }

    void payout(Worker w, Payout p) {
        List<PayoutLine> lines = new ArrayList<>(p.lines().size());
        for (PayLine line : p.lines()) {
            lines.add(new PayoutLine(line.type(), line.amount(), line.reference()));
        }
        PayoutEvent value = new PayoutEvent("pay-" + p.payoutId(), p.account().platformId(), p.account().workerId(),
                w.workerKey(), w.region(), Instant.ofEpochMilli(p.paidAt()), p.payoutId(), p.periodStart(), p.periodEnd(),
                Instant.ofEpochMilli(p.paidAt()), currency(w), lines);
        send(Topics.PAYOUTS, payouts, p.account().key(), p.paidAt(), value);
    }

    /**
     * Keyed platformId/region, as the gateway keys quotas: a quota has no worker. The id names the publication too: a
     * day's own quota and the baseline republished for that day are two events, not a repeat of one.
     */
    void quota(PublishedQuota q) {
        Quota value = new Quota("quota-" + q.platformId() + "-" + q.region() + "-" + q.role() + "-"
                + q.effectiveFrom().toString().replace("-", "") + "-" + q.publishedAt(), q.platformId(), q.region(),
                Instant.ofEpochMilli(q.publishedAt()), q.role(), q.ordersPerDay(), q.effectiveFrom());
        send(Topics.QUOTAS, quotas, q.platformId() + "/" + q.region(), q.publishedAt(), value);
    }

    private String currency(Worker w) {
        return currencies.getOrDefault(w.region(), "CNY");
    }

    private void send(String topic, LongAdder counter, String key, long at, SpecificRecord value) {
        sink.send(topic, key, at, value);
        counter.increment();
    }
}
