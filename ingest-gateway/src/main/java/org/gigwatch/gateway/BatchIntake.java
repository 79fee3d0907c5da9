package org.gigwatch.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.generic.GenericRecord;

/**
 * What happens to one batch, apart from HTTP: each event is attributed to the credential's platform, read
 * against its schema and checked; the valid ones not published before are published together, and the
 * rest are listed.
 */
final class BatchIntake {
    /**
     * The answer for a batch: how many events are in Kafka (acknowledged now or by an earlier try of the same
     * eventId; the latter are also counted as duplicates) and what was wrong with the others.
     */
    record Outcome(int accepted, int duplicates, List<Rejection> rejected) {}

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
        List<EventPublisher.Placed> valid = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            JsonNode json = batch.get(index);
            String eventId = json.path("eventId").isTextual() ? json.get("eventId").textValue() : null;
            List<FieldError> errors = new ArrayList<>();
            GenericRecord event = read(platformId, kind, json, errors);
            for (int i = 0; event != null && i < validators.size(); i++) {
                errors.addAll(validators.get(i).check(event));
            }
            if (errors.isEmpty()) {
                valid.add(new EventPublisher.Placed(kind, event));
            } else {
                int at = index;
                errors.forEach(error -> rejected.add(Rejection.of(at, eventId, error)));
            }
        }
        metrics.rejected(kind, rejected);
        int published = publish(platformId, kind, valid);
        metrics.accepted(kind, published, valid.size() - published);
        return new Outcome(valid.size(), valid.size() - published, rejected);
    }

    /** Publishes the events no earlier batch has; returns how many that was. */
    private int publish(String platformId, EventKind kind, List<EventPublisher.Placed> valid) throws NotAcknowledgedException {
        if (valid.isEmpty()) {
            return 0;
        }
        RecentEventIds.Claim claim = recent.claim(valid.stream()
                .map(placed -> platformId + "/" + kind.path() + "/" + placed.event().get("eventId")).toList());
        List<EventPublisher.Placed> owned = claim.owned().stream().map(valid::get).toList();
        EventPublisher.Delivery delivery = owned.isEmpty() ? EventPublisher.Delivery.NOTHING : publisher.publish(owned);
        claim.settle(delivery.acknowledged());
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
        return owned.size();
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
