package org.gigwatch.streams.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.gigwatch.avro.InjuryResponsibility;
import org.gigwatch.avro.Scope;
import org.gigwatch.avro.TripOrder;
import org.gigwatch.avro.Violation;
import org.gigwatch.avro.ViolationStatus;
import org.gigwatch.schemas.Topics;
import org.gigwatch.streams.workingtime.Alerts;
import org.gigwatch.streams.workingtime.EventTimeQueue;
import org.gigwatch.streams.workingtime.Watermarks;
import org.gigwatch.streams.workingtime.WorkingTimeConfig;

/**
 * The trip finder (key: the person): each person's orders over all their platforms, and the incidents. An incident at
 * t is answered once every upstream task's watermark is past t (then every order event up to t, of every platform, is
 * in): if the person was on a trip then, an {@link InjuryResponsibility} naming the first order's platform and an
 * INJURY_RESPONSIBILITY record (a finding, not a breach) addressed to the person's account with that platform.
 * Finished trips move to a window store for the interactive query.
 */
final class TripWatch implements Processor<String, TripSignal, String, SpecificRecord> {
    static final String RULE = "INJURY_RESPONSIBILITY";

    private final WorkingTimeConfig config;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, PersonTrips> persons;
    private EventTimeQueue<TripSignal> incidents;
    private WindowStore<String, Trip> finished;
    private Watermarks watermarks;
    private long released = Long.MIN_VALUE;

    TripWatch(WorkingTimeConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.persons = context.getStateStore(PlatformTopology.PERSON_TRIPS_STORE);
        this.incidents = new EventTimeQueue<>(context.getStateStore(PlatformTopology.INCIDENTS_STORE));
        this.finished = context.getStateStore(PlatformTopology.TRIPS_STORE);
        this.watermarks = new Watermarks(context.getStateStore(PlatformTopology.TRIP_WATERMARKS_STORE),
                config.upstreamPartitions());
    }

    @Override
    public void process(Record<String, TripSignal> record) {
        TripSignal signal = record.value();
        switch (signal.kind()) {
            case WATERMARK -> release(watermarks.advance(signal.source(), signal.at()));
            case INCIDENT -> {
                // ties: by upstream task, then in that task's order, never by arrival across tasks
                String offset = context.recordMetadata().map(m -> EventTimeQueue.padded(m.offset(), 19)).orElse("");
                incidents.add(signal.at(), EventTimeQueue.padded(signal.source(), 4) + "|" + offset, signal);
            }
            default -> {
                // an account's signals come in its own event-time order; a person's trips depend only on the set of
                // intervals, so applying them as they come from different tasks gives the same answer at any incident
                PersonTrips person = persons.get(signal.person());
                person = person == null ? new PersonTrips() : person;
                person.region = signal.region();
                switch (signal.kind()) {
                    case ACCEPTED -> person.accepted(signal);
                    case ENDED -> person.ended(signal);
                    default -> person.loggedOut(signal);
                }
                save(signal.person(), person, released);
            }
        }
    }

    /** Answers every incident before {@code upTo}: every upstream task has released every event before it. */
    private void release(long upTo) {
        if (upTo <= released) {
            return;
        }
        released = upTo;
        for (TripSignal incident : incidents.pollUpTo(upTo - 1)) {
            PersonTrips person = persons.get(incident.person());
            if (person == null) {
                continue; // no order ever: on no trip
            }
            TripFinder.tripAt(person.orders.values(), incident.at()).ifPresent(trip -> answer(incident, person, trip));
            save(incident.person(), person, upTo);
        }
    }

    /** Moves the trips that ended before {@code bound} to the query store; no order can chain to them any more. */
    private void save(String key, PersonTrips person, long bound) {
        for (Trip trip : person.finishBefore(bound)) {
            finished.put(key, trip, trip.start());
        }
        if (person.orders.isEmpty()) {
            persons.delete(key);
        } else {
            persons.put(key, person);
        }
    }

    private void answer(TripSignal incident, PersonTrips person, Trip trip) {
        long t = incident.at();
        OrderSpan first = trip.first();
        List<OrderSpan> seen = trip.orders().stream().filter(o -> o.acceptedAt() <= t).toList();
        String region = person.region != null ? person.region : incident.region();
        List<TripOrder> orders = seen.stream().map(o -> TripOrder.newBuilder().setPlatformId(o.platformId())
                .setWorkerId(o.workerId()).setOrderId(o.orderId()).setAcceptedAt(Instant.ofEpochMilli(o.acceptedAt()))
                .setEndedAt(o.endedAt() == null || o.endedAt() > t ? null : Instant.ofEpochMilli(o.endedAt())).build())
                .toList();
        String id = UUID.nameUUIDFromBytes((incident.platformId() + "/" + incident.eventId())
                .getBytes(StandardCharsets.UTF_8)).toString();
        context.forward(new Record<>(incident.person(), InjuryResponsibility.newBuilder()
                .setResponsibilityId(id).setWorkerKey(incident.person()).setRegion(region)
                .setIncidentEventId(incident.eventId()).setIncidentPlatformId(incident.platformId())
                .setIncidentAt(Instant.ofEpochMilli(t)).setPlatformId(first.platformId()).setWorkerId(first.workerId())
                .setTripStart(Instant.ofEpochMilli(trip.start())).setOrders(orders).build(), t));

        String account = Topics.workerKey(first.platformId(), first.workerId());
        List<String> platforms = seen.stream().map(OrderSpan::platformId).distinct().toList();
        List<String> evidence = new ArrayList<>();
        evidence.add(incident.eventId());
        seen.forEach(o -> evidence.add(o.acceptedEventId()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("person", incident.person());
        details.put("incidentEventId", incident.eventId());
        details.put("incidentPlatformId", incident.platformId());
        details.put("trip", String.join(",", seen.stream().map(o -> o.platformId() + "/" + o.orderId() + "@"
                + Instant.ofEpochMilli(o.acceptedAt()) + "/" + (o.endedAt() == null || o.endedAt() > t ? ""
                : Instant.ofEpochMilli(o.endedAt()))).toList()));
        context.forward(new Record<>(account, Violation.newBuilder()
                .setAlertId(Alerts.alertId(RULE, Scope.PLATFORM, account, t))
                .setRuleId(RULE)
                .setScope(Scope.PLATFORM)
                .setStatus(ViolationStatus.OPEN)
                .setPlatformId(first.platformId())
                .setPlatforms(platforms)
                .setIndustries(Alerts.industries(platforms, config.rules()))
                .setWorkerKey(account)
                .setRegion(region)
                .setWindowStart(Instant.ofEpochMilli(t))
                .setWindowEnd(Instant.ofEpochMilli(t))
                .setDetectedAt(Instant.ofEpochMilli(t))
                .setMeasured(seen.size())
                .setThreshold(0)
                .setUnit("ORDERS")
                .setRuleDataVersion("000 四(四)")
                .setEvidenceEventIds(evidence)
                .setDetails(details)
                .build(), t));
    }
}
