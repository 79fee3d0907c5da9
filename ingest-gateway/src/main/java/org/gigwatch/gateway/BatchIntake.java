package org.gigwatch.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The form a batch's events come in. */
    enum Form { PLAIN, CLOUDEVENTS }

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

    Outcome take(String platformId, EventKind kind, JsonNode batch) throws NotAcknowledgedException {
        return take(platformId, kind, batch, Form.PLAIN);
    }

    Outcome take(String platformId, EventKind kind, JsonNode batch, Form form) throws NotAcknowledgedException {
        List<EventPublisher.Placed> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            JsonNode original = batch.get(index);
            List<FieldError> errors = new ArrayList<>();
            JsonNode json = original;
            String eventId;
            CloudEvents.Unwrapped envelope = null;
            if (form == Form.CLOUDEVENTS) {
                envelope = CloudEvents.unwrap(original, kind);
                errors.addAll(envelope.errors());
                json = envelope.plain();
                eventId = envelope.eventId();
            } else {
                eventId = json.path("eventId").isTextual() ? json.get("eventId").textValue() : null;
            }
            GenericRecord event = null;
            Supplier<JsonNode> sent = () -> original;
            if (json != null) {
                List<FieldError> found = new ArrayList<>();
                boolean inserted = json instanceof ObjectNode object && (object.get("platformId") == null || object.get("platformId").isNull());
                event = read(platformId, kind, json, found);
                for (int i = 0; event != null && i < validators.size(); i++) {
                    found.addAll(validators.get(i).check(event));
                }
                for (FieldError error : found) {
                    FieldError named = envelope == null ? error : envelope.attributed(error);
                    // an attribute the envelope already found wrong (a missing id) is listed once
                    if (envelope == null || envelope.errors().stream().noneMatch(e -> e.field().equals(named.field()))) {
                        errors.add(named);
                    }
                }
                if (inserted && form == Form.PLAIN) {
                    // the platform id was added to what the platform sent: the dead letter keeps the original
                    ObjectNode object = (ObjectNode) json;
                    sent = () -> {
                        ObjectNode copy = object.deepCopy();
                        copy.remove("platformId");
                        return copy;
                    };
                }
            }
            if (errors.isEmpty() && event != null) {
                valid.add(new EventPublisher.Placed(kind, event, sent));
                positions.add(index);
            } else {
                int at = index;
                String id = eventId;
                errors.forEach(error -> rejected.add(Rejection.of(at, id, error)));
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

    /** The event as a record, or null with the reasons in {@code errors}. */
    private GenericRecord read(String platformId, EventKind kind, JsonNode json, List<FieldError> errors) {
        if (json instanceof ObjectNode object) {
            JsonNode named = object.get("platformId");
            if (named == null || named.isNull()) {
                object.put("platformId", platformId); // the credential says who is speaking
            } else if (!named.isTextual() || !named.textValue().equals(platformId)) {
                errors.add(new FieldError("platformId", "names another platform than the API key's (" + platformId + ")"));
                return null;
            }
        }
        PlainEventReader.Result result = reader.read(json, kind.schema());
        errors.addAll(result.errors());
        return result.event();
    }
}
