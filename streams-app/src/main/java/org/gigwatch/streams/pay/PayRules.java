package org.gigwatch.streams.pay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.OrderEventType;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.PayoutLine;
import org.gigwatch.avro.PayoutLineType;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.avro.WorkingDay;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.schemas.rules.WorkingTimeBasis;
import org.gigwatch.streams.workingtime.EventTimeQueue;
import org.gigwatch.streams.workingtime.LateEvents;
import org.gigwatch.streams.workingtime.StreamTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pay rules of one account (key platformId/workerId): DELIVERED orders, payouts, registrations and the
 * working-time topology's WorkingDay records in; violations and late events out.
 *
 * <p>Orders and payouts are de-duplicated on arrival, held back until stream time has passed them by the grace
 * period and applied in event-time order; older ones go to {@link Topics#LATE}. "The clock" below is stream time
 * less the grace: every order and payout before it has been applied. Then:
 * <ul>
 *   <li>a day is judged (MIN_WAGE, HOLIDAY_PAY) once its working time has come and the clock has passed its end,
 *       whichever is last, exactly once;</li>
 *   <li>WAGE_ARREARS checks a day once the clock has passed its due instant;</li>
 *   <li>WITHHELD_PAY judges a month once the clock has passed its end;</li>
 *   <li>DEPOSIT is judged when the payout is applied.</li>
 * </ul>
 * A timer index (key-value store {@code <due>|<account>}) advances accounts that send nothing more.
 */
final class PayRules implements Processor<String, SpecificRecord, String, SpecificRecord> {
    private static final Logger log = LoggerFactory.getLogger(PayRules.class);
    private static final ZoneId FALLBACK_ZONE = ZoneId.of("Asia/Shanghai");
    /** Days kept beyond the reference days for the holiday rule: room for the holidays it skips. */
    private static final int HOLIDAY_ROOM_DAYS = 31;

    private final PayConfig config;
    private final StreamTopics topics;
    private final LateEvents lateEvents;
    private final RulePack pack;
    private final Map<String, ZoneId> zones = new HashMap<>();
    private ProcessorContext<String, SpecificRecord> context;
    private WindowStore<String, Long> seen;
    private EventTimeQueue<OrderEvent> pendingOrders;
    private EventTimeQueue<PayoutEvent> pendingPayouts;
    private KeyValueStore<String, PayAccount> accounts;
    private KeyValueStore<String, PayDay> days;
    private EventTimeQueue<String> timers;
    private RuleTables tables;
    private Sensor late;
    private Sensor duplicates;
    private Sensor ignoredDays;
    /** Every order and payout before it has been applied, every account advanced to it. */
    private long released = Long.MIN_VALUE;
    /**
     * In memory, lower bounds of the first entry of each queue (MIN_VALUE: unknown, look), so that most records,
     * which make nothing due, cost no store scan.
     */
    private long nextOrder = Long.MIN_VALUE;
    private long nextPayout = Long.MIN_VALUE;
    private long nextTimer = Long.MIN_VALUE;

    PayRules(PayConfig config, StreamTopics topics) {
        this.config = config;
        this.topics = topics;
        this.lateEvents = new LateEvents(config.registryUrl());
        this.pack = config.rules();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.seen = context.getStateStore(PayTopology.SEEN_EVENTS_STORE);
        this.pendingOrders = new EventTimeQueue<>(context.getStateStore(PayTopology.PENDING_ORDERS_STORE));
        this.pendingPayouts = new EventTimeQueue<>(context.getStateStore(PayTopology.PENDING_PAYOUTS_STORE));
        this.accounts = context.getStateStore(PayTopology.ACCOUNTS_STORE);
        this.days = context.getStateStore(PayTopology.DAYS_STORE);
        this.timers = new EventTimeQueue<>(context.getStateStore(PayTopology.TIMERS_STORE));
        this.tables = new RuleTables(context.getStateStore(PayTopology.MINIMUM_WAGES_STORE),
                context.getStateStore(PayTopology.CATEGORIES_STORE), context.getStateStore(PayTopology.HOLIDAYS_STORE),
                pack.name(), pack.holidayCalendar(), topics.categories());
        String task = context.taskId().toString();
        this.late = sensor(task, "late-events");
        this.duplicates = sensor(task, "duplicate-events");
        this.ignoredDays = sensor(task, "ignored-working-days");
    }

    private Sensor sensor(String task, String name) {
        return context.metrics().addRateTotalSensor("gigwatch-pay", task, name, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value instanceof OrderEvent order) {
            if (order.getType() == OrderEventType.DELIVERED) { // the only order step that carries pay
                accept(record, order, order.getPlatformId(), order.getEventId(), order.getOccurredAt(), pendingOrders);
            }
        } else if (value instanceof PayoutEvent payout) {
            accept(record, payout, payout.getPlatformId(), payout.getEventId(), payout.getOccurredAt(), pendingPayouts);
        } else if (value instanceof WorkingDay day) {
            workingDay(record.key(), day);
        } else if (value instanceof WorkerRegistration registration) {
            registered(record.key(), registration);
        }
        release(context.currentStreamTimeMs() - config.grace().toMillis());
    }

    private <T extends SpecificRecord> void accept(Record<String, SpecificRecord> record, T event, String platformId,
                                                   String eventId, Instant occurredAt, EventTimeQueue<T> queue) {
        String id = platformId + "/" + eventId;
        long at = occurredAt.toEpochMilli();
        if (seen.fetch(id, at) != null) {
            duplicates.record();
            log.debug("duplicate event {} ignored", id);
            return;
        }
        long streamTime = context.currentStreamTimeMs();
        if (at < streamTime - config.grace().toMillis()) {
            late.record();
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
            context.forward(record.withValue(lateEvents.of(topic, eventId, platformId, at, streamTime, config.grace(), event)));
            return;
        }
        seen.put(id, at, at);
        String offset = context.recordMetadata().map(m -> EventTimeQueue.padded(m.offset(), 19)).orElse("");
        queue.add(at, offset, event);
        if (queue == pendingOrders) {
            nextOrder = Math.min(nextOrder, at);
        } else {
            nextPayout = Math.min(nextPayout, at);
        }
    }

    private void registered(String key, WorkerRegistration registration) {
        PayAccount account = account(key);
        account.category = registration.getCategory().name();
        if (account.region == null) {
            account.region = registration.getRegion();
        }
        advance(key, account);
    }

    /** A closed day's working time: judged at once if the day's pay is complete, else when it is. */
    private void workingDay(String key, WorkingDay record) {
        PayAccount account = account(key);
        account.region = record.getRegion();
        if (account.category == null && record.getCategory() != null) {
            account.category = record.getCategory().name();
        }
        LocalDate date = record.getDay();
        if (account.keptFrom != null && date.isBefore(LocalDate.parse(account.keptFrom))) {
            ignoredDays.record();
            log.warn("working time of {} on {} came after the day was dropped; not judged", key, date);
            return;
        }
        PayDay day = day(key, date);
        if (day.judged) {
            ignoredDays.record();
            log.debug("working time of {} on {} repeated; the day was judged already", key, date);
            return;
        }
        day.onlineMs = record.getOnlineMillis();
        day.orderMs = record.getOrderMillis();
        day.workedMs = pack.workingTime() == WorkingTimeBasis.ORDER ? day.orderMs : day.onlineMs;
        days.put(dayKey(key, date), day);
        account.awaiting.add(date.toString());
        advance(key, account);
    }

    /** Applies every held-back event strictly before {@code upTo}, then advances every account due by then. */
    private void release(long upTo) {
        if (upTo <= released) {
            return;
        }
        // nothing is queued before the last bound: events before it would be late, timers are never set before it
        long from = released;
        released = upTo;
        if (nextOrder < upTo) {
            pendingOrders.pollBetween(from, upTo - 1).forEach(this::delivered);
            nextOrder = orMax(pendingOrders.firstAt(upTo));
        }
        if (nextPayout < upTo) {
            pendingPayouts.pollBetween(from, upTo - 1).forEach(this::paid);
            nextPayout = orMax(pendingPayouts.firstAt(upTo));
        }
        if (nextTimer <= upTo) {
            for (String key : timers.pollBetween(from, upTo)) {
                PayAccount account = accounts.get(key);
                if (account != null) {
                    account.scheduled = null; // its timer entry is gone
                    advance(key, account);
                }
            }
            nextTimer = orMax(timers.firstAt(upTo + 1));
        }
    }

    private static long orMax(Long at) {
        return at == null ? Long.MAX_VALUE : at;
    }

    private void delivered(OrderEvent order) {
        String key = Topics.workerKey(order.getPlatformId(), order.getWorkerId());
        PayAccount account = account(key);
        account.region = order.getRegion();
        account.currency = order.getCurrency();
        LocalDate date = order.getOccurredAt().atZone(zone(account.region)).toLocalDate();
        PayDay day = day(key, date);
        long pay = Math.addExact(orZero(order.getBasePay()), orZero(order.getIncentivePay()));
        day.delivered(order.getEventId(), pay, orZero(order.getTip()));
        days.put(dayKey(key, date), day);
        if (arrearsApply(rules(account, date))) {
            account.arrears.earned(date);
        }
        save(key, account);
    }

    private void paid(PayoutEvent payout) {
        String key = Topics.workerKey(payout.getPlatformId(), payout.getWorkerId());
        PayAccount account = account(key);
        account.region = payout.getRegion();
        account.currency = payout.getCurrency();
        ZoneId zone = zone(account.region);
        RuleTables.Parameters rules = rules(account, payout.getPaidAt().atZone(zone).toLocalDate());
        long paidAt = payout.getPaidAt().toEpochMilli();
        if (rules != null) {
            emit(key, account, rules, DepositRule.judge(rules.rules(), payout), paidAt);
        }
        long pay = sum(payout, PayoutLineType.BASE, PayoutLineType.INCENTIVE, PayoutLineType.TIP);
        if (arrearsApply(rules) || account.arrears.nextCheckDay() != null) { // it also settles earlier earnings still checked
            account.arrears.paid(paidAt, pay);
        }
        YearMonth month = YearMonth.from(payout.getPaidAt().atZone(zone));
        RuleTables.Parameters monthRules = rules(account, month.atDay(1)); // a month is judged as its first day says
        if (monthRules != null && monthRules.rules().withheldPay()) {
            PayMonth sums = account.months.computeIfAbsent(month.toString(), m -> new PayMonth());
            long fines = sum(payout, PayoutLineType.FINE);
            sums.fines = Math.addExact(sums.fines, fines);
            sums.pay = Math.addExact(sums.pay, pay);
            if (fines > 0) {
                sums.finedPayouts.add(payout.getEventId());
            }
        }
        save(key, account);
    }

    /** Judges whatever the clock has made due for this account, drops days no rule needs any more, saves it. */
    private void advance(String key, PayAccount account) {
        ZoneId zone = zone(account.region);
        while (!account.awaiting.isEmpty()) {
            LocalDate date = LocalDate.parse(account.awaiting.first());
            if (start(date.plusDays(1), zone) > released) {
                break;
            }
            account.awaiting.pollFirst();
            judgeDay(key, account, date, zone);
        }
        for (LocalDate date = account.arrears.nextCheckDay(); date != null; date = account.arrears.nextCheckDay()) {
            long due = arrearsDue(account, date, zone);
            if (due >= released) { // every payout at or before the due instant must have been applied
                break;
            }
            RuleTables.Parameters rules = rules(account, date);
            PayDay day = days.get(dayKey(key, date));
            long earnings = day == null || !arrearsApply(rules) ? 0 : day.earnings;
            emit(key, account, rules, account.arrears.check(start(date, zone), due, earnings), due);
        }
        while (!account.months.isEmpty()) {
            YearMonth month = YearMonth.parse(account.months.firstKey());
            long end = start(month.plusMonths(1).atDay(1), zone);
            if (end > released) {
                break;
            }
            PayMonth sums = account.months.pollFirstEntry().getValue();
            RuleTables.Parameters rules = rules(account, month.atDay(1));
            if (rules != null) {
                emit(key, account, rules, WithheldPayRule.judge(rules.rules(), start(month.atDay(1), zone), end, sums), end);
            }
        }
        dropOldDays(key, account, zone);
        save(key, account);
    }

    private void judgeDay(String key, PayAccount account, LocalDate date, ZoneId zone) {
        PayDay day = days.get(dayKey(key, date));
        if (day == null || day.judged) {
            return;
        }
        RuleTables.Parameters rules = rules(account, date);
        if (rules != null) {
            judgeDay(key, account, rules, date, zone, day);
        } else {
            log.warn("{} on {}: no parameters of category {} in force in rule pack {}; the day is not judged", key, date,
                    category(account), pack.name());
        }
        day.judged = true;
        day.orders = new LinkedHashMap<>();
        days.put(dayKey(key, date), day);
    }

    private void judgeDay(String key, PayAccount account, RuleTables.Parameters rules, LocalDate date, ZoneId zone, PayDay day) {
        long start = start(date, zone);
        long end = start(date.plusDays(1), zone);
        MinimumWage wage = tables.minimumWageOn(account.region, date).orElse(null);
        if (wage != null && account.currency != null && !wage.getCurrency().equals(account.currency)) {
            log.warn("{} on {}: pay in {} but the minimum wage of {} is in {}; MIN_WAGE not judged", key, date,
                    account.currency, account.region, wage.getCurrency());
            wage = null;
        }
        emit(key, account, rules, MinWageRule.judge(rules.rules(), pack.workingTime(), start, end, day, wage,
                topics.minimumWages()), end);
        if (tables.isHoliday(account.region, date)) {
            emit(key, account, rules, HolidayPayRule.judge(rules.rules(), date, start, end,
                    d -> d.equals(date) ? day : days.get(dayKey(key, d)), d -> tables.isHoliday(account.region, d),
                    topics.holidays()), end);
        }
    }

    /**
     * Drops days older than any rule still needs: the holiday rule's reference days (plus room for the holidays it
     * skips), the arrears check still to come, the days waiting for judgement. Once per local day and account.
     */
    private void dropOldDays(String key, PayAccount account, ZoneId zone) {
        if (released == Long.MIN_VALUE) {
            return;
        }
        LocalDate today = Instant.ofEpochMilli(released).atZone(zone).toLocalDate();
        RuleTables.Parameters inForce = rules(account, today);
        if (inForce == null) {
            return;
        }
        CategoryRules rules = inForce.rules();
        int keep = rules.holidayReferenceDays() + HOLIDAY_ROOM_DAYS;
        if (rules.maximumPayDelayDays() != null) {
            keep = Math.max(keep, rules.maximumPayDelayDays() + 2);
        }
        LocalDate keptFrom = today.minusDays(keep);
        LocalDate nextCheck = account.arrears.nextCheckDay();
        if (nextCheck != null && nextCheck.isBefore(keptFrom)) {
            keptFrom = nextCheck;
        }
        if (!account.awaiting.isEmpty() && LocalDate.parse(account.awaiting.first()).isBefore(keptFrom)) {
            keptFrom = LocalDate.parse(account.awaiting.first());
        }
        if (account.keptFrom != null && !keptFrom.isAfter(LocalDate.parse(account.keptFrom))) {
            return;
        }
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, PayDay> it = days.range(key + "|", dayKey(key, keptFrom.minusDays(1)))) {
            it.forEachRemaining((KeyValue<String, PayDay> entry) -> old.add(entry.key));
        }
        old.forEach(days::delete);
        account.keptFrom = keptFrom.toString();
    }

    /**
     * Stores the account and moves its timer to when it is next due. Never before the last release bound: outside a
     * release an account is saved after {@link #advance}, which leaves nothing due; inside one, what applying an
     * event makes due lies between the bounds and is polled by that release.
     */
    private void save(String key, PayAccount account) {
        Long due = nextDue(account);
        if (!Objects.equals(due, account.scheduled)) {
            if (account.scheduled != null) {
                timers.remove(account.scheduled, key);
            }
            if (due != null) {
                timers.add(due, key, key);
                nextTimer = Math.min(nextTimer, due);
            }
            account.scheduled = due;
        }
        accounts.put(key, account);
    }

    /** The clock value at which something is next due: a day's end, an arrears check, a month's end. */
    private Long nextDue(PayAccount account) {
        ZoneId zone = zone(account.region);
        Long due = null;
        if (!account.awaiting.isEmpty()) {
            due = start(LocalDate.parse(account.awaiting.first()).plusDays(1), zone);
        }
        LocalDate nextCheck = account.arrears.nextCheckDay();
        if (nextCheck != null) {
            due = min(due, arrearsDue(account, nextCheck, zone) + 1);
        }
        if (!account.months.isEmpty()) {
            due = min(due, start(YearMonth.parse(account.months.firstKey()).plusMonths(1).atDay(1), zone));
        }
        return due;
    }

    /** Forwards the finding's alert, naming the category entry that decided it (none: a check without parameters). */
    private void emit(String key, PayAccount account, RuleTables.Parameters rules, PayFinding finding, long detectedAt) {
        if (finding != null) {
            context.forward(new Record<>(key, PayAlerts.violation(finding, key, account.region, category(account),
                    account.currency, rules == null ? "" : rules.version(), pack, detectedAt), detectedAt));
        }
    }

    private PayAccount account(String key) {
        PayAccount account = accounts.get(key);
        return account == null ? new PayAccount() : account;
    }

    private PayDay day(String key, LocalDate date) {
        PayDay day = days.get(dayKey(key, date));
        return day == null ? new PayDay() : day;
    }

    static String dayKey(String account, LocalDate date) {
        return account + "|" + date;
    }

    /** An unregistered account is judged as INDEPENDENT (DEPOSIT only), as the working-time topology does. */
    private static String category(PayAccount account) {
        return account.category == null ? EmploymentCategory.INDEPENDENT.name() : account.category;
    }

    /** The account's category parameters in force on a local day (gigwatch.rules.categories); null before any entry. */
    private RuleTables.Parameters rules(PayAccount account, LocalDate day) {
        return tables.categoryOn(category(account), day).orElse(null);
    }

    private static boolean arrearsApply(RuleTables.Parameters rules) {
        return rules != null && rules.rules().wageArrears() && rules.rules().maximumPayDelayDays() != null;
    }

    /**
     * When day {@code date}'s earnings are checked: the start of day date + delay + 1, with the delay in force on that
     * day (the end of the day where no delay is), never before the previous check, so that checks keep their order
     * when a shorter delay takes effect.
     */
    private long arrearsDue(PayAccount account, LocalDate date, ZoneId zone) {
        RuleTables.Parameters rules = rules(account, date);
        long due = start(date.plusDays(arrearsApply(rules) ? rules.rules().maximumPayDelayDays() + 1L : 1L), zone);
        return account.arrears.checkedDue == null ? due : Math.max(due, account.arrears.checkedDue);
    }

    private ZoneId zone(String region) {
        if (region == null) {
            return FALLBACK_ZONE;
        }
        return zones.computeIfAbsent(region, r -> {
            try {
                return pack.region(r).zone();
            } catch (IllegalArgumentException e) {
                log.warn("region {} is not in rule pack {}; its local days are counted in {}", r, pack.name(), FALLBACK_ZONE);
                return FALLBACK_ZONE;
            }
        });
    }

    private static long start(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private static long sum(PayoutEvent payout, PayoutLineType... types) {
        long sum = 0;
        for (PayoutLine line : payout.getLines()) {
            for (PayoutLineType type : types) {
                if (line.getType() == type) {
                    sum = Math.addExact(sum, line.getAmount());
                }
            }
        }
        return sum;
    }

    private static long orZero(Long amount) {
        return amount == null ? 0 : amount;
    }

    private static Long min(Long a, long b) {
        return a == null ? b : Math.min(a, b);
    }
}
