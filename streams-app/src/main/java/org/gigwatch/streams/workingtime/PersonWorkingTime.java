package org.gigwatch.streams.workingtime;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.Violation;

/**
 * The cross-platform scope (key workerKey): a person is online while online on any platform, resting only while
 * on none. Its input comes from every platform-scope task through one repartition topic, each upstream task in its
 * own event-time order but the tasks unaligned; so transitions are held back and applied in event-time order up
 * to the lowest watermark of all upstream tasks (a k-way merge): exact, with no second grace period. Ties in event
 * time are broken by upstream task, then by that task's order, so a rerun or a restart gives the same alerts.
 */
final class PersonWorkingTime implements Processor<String, PersonSignal, String, Violation> {
    private final WorkingTimeConfig config;
    private final RuleBook book;
    private ProcessorContext<String, Violation> context;
    private EventTimeQueue<PersonSignal> pending;
    private Watermarks watermarks;
    private Subjects<Person> persons;
    private long released = Long.MIN_VALUE;

    PersonWorkingTime(WorkingTimeConfig config) {
        this.config = config;
        this.book = new RuleBook(config.rules());
    }

    @Override
    public void init(ProcessorContext<String, Violation> context) {
        this.context = context;
        this.pending = new EventTimeQueue<>(context.getStateStore(WorkingTimeTopology.PERSON_PENDING_STORE));
        this.watermarks = new Watermarks(context.getStateStore(WorkingTimeTopology.WATERMARKS_STORE), config.upstreamPartitions());
        this.persons = new Subjects<>(context.getStateStore(WorkingTimeTopology.PERSONS_STORE),
                context.getStateStore(WorkingTimeTopology.PERSON_TIMERS_STORE));
    }

    @Override
    public void process(Record<String, PersonSignal> record) {
        PersonSignal signal = record.value();
        switch (signal.kind()) {
            case REGISTERED -> register(signal);
            case WATERMARK -> release(watermarks.advance(signal.source(), signal.at()));
            case ONLINE, OFFLINE -> {
                // ties: by upstream task, then in that task's order; never by arrival across tasks, which varies
                String offset = context.recordMetadata().map(m -> EventTimeQueue.padded(m.offset(), 19)).orElse("");
                pending.add(signal.at(), EventTimeQueue.padded(signal.source(), 4) + "|" + offset, signal);
            }
        }
    }

    private void register(PersonSignal signal) {
        Person person = persons.get(signal.workerKey());
        if (person == null) {
            person = new Person();
        }
        person.registered.add(signal.platformId());
        person.category = signal.category();
        person.region = signal.region();
        seen(person, signal.at());
        persons.save(signal.workerKey(), person, rules(person));
    }

    private void release(long upTo) {
        if (upTo <= released) {
            return;
        }
        released = upTo;
        pending.pollUpTo(upTo - 1).forEach(this::apply); // a watermark promises every signal before it, not at it
        persons.forEachDue(upTo, (key, person) -> {
            WorkingTime.Rules rules = rules(person);
            person.time.advanceTo(upTo, rules, alerts(key, person));
            persons.save(key, person, rules);
        });
    }

    private void apply(PersonSignal signal) {
        String key = signal.workerKey();
        Person person = persons.get(key);
        if (person == null) {
            person = new Person();
        }
        if (person.region == null) {
            person.region = signal.region();
        }
        seen(person, signal.at());
        WorkingTime.Rules rules = rules(person);
        WorkingTime.Output out = alerts(key, person);
        if (signal.kind() == PersonSignal.Kind.ONLINE) {
            person.online.add(signal.platformId());
            person.time.online(signal.at(), signal.eventId(), rules, out);
        } else {
            person.online.remove(signal.platformId());
            if (person.online.isEmpty()) {
                person.time.offline(signal.at(), signal.eventId(), rules, out);
            } else {
                person.time.advanceTo(signal.at(), rules, out);
            }
        }
        persons.save(key, person, rules);
    }

    /** A sign of one of the person's accounts at {@code at}: the state is kept for the retention period after it. */
    private void seen(Person person, long at) {
        long expires = at + config.personRetention().toMillis();
        if (person.expiresAt == Long.MAX_VALUE || expires > person.expiresAt) {
            person.expiresAt = expires;
        }
    }

    private WorkingTime.Rules rules(Person person) {
        return book.rules(person.category, person.region == null ? "" : person.region);
    }

    /** Only people registered with two or more platforms are judged in this scope (docs/SIMULATOR.md, choice 2). */
    private WorkingTime.Output alerts(String key, Person person) {
        Alerts.Subject subject = new Alerts.Subject(Scope.CROSS_PLATFORM, key, null, List.copyOf(person.registered),
                person.region, person.category);
        return finding -> {
            if (person.multiPlatform()) {
                context.forward(new Record<>(key, Alerts.violation(finding, subject, book.pack()), finding.detectedAt()));
            }
        };
    }
}
