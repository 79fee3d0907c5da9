package org.gigwatch.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericRecord;

/**
 * What happens to one batch, apart from HTTP: each event is attributed to the credential's platform, read
 * against its schema and checked; the valid ones not published before are published together, and the
 * rest are listed.
 */
final class BatchIntake {
    /**
     * The answer for a batch: how many events are in Kafka on their topic (acknowledged now or by an earlier try
     * of the same eventId; the latter are also counted as duplicates), what was wrong with the others, and which
     * valid events went to the dead-letter topic instead because they could not be placed.
     */
    record Outcome(int accepted, int duplicates, List<Rejection> rejected, List<DeadLettered> deadLettered) {}

    /** A valid event that is on the dead-letter topic, not on its own: its index in the batch and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeadLettered(int index, String eventId, String reason) {}

    /**
     * One event of a batch as read, before the checks: the envelope it came in (CloudEvents; null for the plain
     * form), the plain event read from it, and the payload as the platform sent it (for the dead-letter topic).
     */
    record Read(CloudEvents.Unwrapped envelope, PlainEventReader.Result plain, Supplier<JsonNode> original) {
        String eventId() {
            return envelope == null ? plain.eventId() : envelope.eventId();
        }
    }

    private static final PlainEventReader.Result NOTHING_READ = new PlainEventReader.Result(null, null, List.of());

    private final PlainEventReader reader = new PlainEventReader();
    private final List<EventValidator> validators;
    private final EventPublisher publisher;
    private final RecentEventIds recent;
    private final Duration patience;
    private final GatewayMetrics metrics;

    /** {@code patience}: how long to wait for another batch still publishing some of the same events. */
    BatchIntake(List<EventValidator> validators, EventPublisher publisher, RecentEventIds recent, Duration patience,
                GatewayMetrics metrics) {
        this.validators = List.copyOf(validators);
        this.publisher = publisher;
        this.recent = recent;
        this.patience = patience;
        this.metrics = metrics;
    }

    /** A batch of CloudEvents (a JSON array) unwrapped and read; the plain form is read by {@link PlainBatchReader}. */
    List<Read> readCloudEvents(String platformId, EventKind kind, JsonNode batch) {
        List<Read> events = new ArrayList<>(batch.size());
        for (JsonNode original : batch) {
            CloudEvents.Unwrapped envelope = CloudEvents.unwrap(original, kind);
            PlainEventReader.Result plain = envelope.plain() == null ? NOTHING_READ
                    : reader.read(envelope.plain(), kind.schema(), platformId);
            events.add(new Read(envelope, plain, () -> original));
        }
        return events;
    }

    Outcome take(String platformId, EventKind kind, List<Read> batch) throws NotAcknowledgedException {
        List<EventPublisher.Placed> valid = new ArrayList<>(batch.size());
        List<Integer> positions = new ArrayList<>(batch.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            Read read = batch.get(index);
            GenericRecord event = read.plain().event();
            List<FieldError> errors = problems(read);
            if (errors.isEmpty() && event != null) {
                valid.add(new EventPublisher.Placed(kind, event, read.original()));
                positions.add(index);
            } else {
                for (FieldError error : errors) {
                    rejected.add(Rejection.of(index, read.eventId(), error));
                }
            }
        }
        metrics.rejected(kind, rejected);
        Published published = publish(platformId, kind, valid);
        List<DeadLettered> deadLettered = new ArrayList<>();
        published.deadLettered().forEach((at, reason) -> deadLettered.add(new DeadLettered(positions.get(at),
                String.valueOf(valid.get(at).event().get("eventId")), reason)));
        int accepted = valid.size() - deadLettered.size();
        metrics.accepted(kind, published.count(), accepted - published.count());
        metrics.deadLettered(kind, deadLettered.size());
        return new Outcome(accepted, accepted - published.count(), rejected, deadLettered);
    }

    /** How many events this batch wrote to their topics, and which (by index into the valid ones) it dead-lettered. */
    private record Published(int count, Map<Integer, String> deadLettered) {}

    /** Publishes the events no earlier batch has. */
    private Published publish(String platformId, EventKind kind, List<EventPublisher.Placed> valid) throws NotAcknowledgedException {
        if (valid.isEmpty()) {
            return new Published(0, Map.of());
        }
        RecentEventIds.Claim claim = recent.claim(valid.stream()
                .map(placed -> platformId + "/" + kind.path() + "/" + placed.event().get("eventId")).toList());
        List<EventPublisher.Placed> owned = claim.owned().stream().map(valid::get).toList();
        EventPublisher.Delivery delivery = owned.isEmpty() ? EventPublisher.Delivery.NOTHING : publisher.publish(platformId, owned);
        claim.settle(delivery.acknowledged(), delivery.deadLettered().keySet());
        if (!delivery.complete()) {
            metrics.produceError();
            throw new NotAcknowledgedException("Kafka did not take every event: " + delivery.firstFailure().getMessage(),
                    delivery.firstFailure());
        }
        try {
            claim.earlier().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotAcknowledgedException("an earlier try of some of these events was not acknowledged", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledgedException("interrupted while waiting for an earlier try", e);
        }
        Map<Integer, String> deadLettered = new java.util.LinkedHashMap<>();
        delivery.deadLettered().forEach((at, reason) -> deadLettered.put(claim.owned().get(at), reason));
        return new Published(owned.size() - deadLettered.size(), deadLettered);
    }

    /** What the validators find wrong with a record. */
    private List<FieldError> check(GenericRecord event) {
        List<FieldError> found = List.of();
        for (EventValidator validator : validators) {
            List<FieldError> more = validator.check(event);
            if (!more.isEmpty()) {
                found = found.isEmpty() ? new ArrayList<>() : found; // none for a valid event
                found.addAll(more);
            }
        }
        return found;
    }

    /** Everything wrong with the event: the envelope's faults first, then the event's own, named as sent. */
    private List<FieldError> problems(Read read) {
        GenericRecord event = read.plain().event();
        // a record was read only if it had no errors
        List<FieldError> found = event == null ? read.plain().errors() : check(event);
        CloudEvents.Unwrapped envelope = read.envelope();
        if (envelope == null) {
            return found;
        }
        List<FieldError> errors = new ArrayList<>(envelope.errors());
        for (FieldError error : found) {
            FieldError named = envelope.attributed(error);
            // an attribute the envelope already found wrong (a missing id) is listed once
            if (envelope.errors().stream().noneMatch(e -> e.field().equals(named.field()))) {
                errors.add(named);
            }
        }
        return errors;
    }
}
