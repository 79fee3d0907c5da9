package org.gigwatch.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CloudEvents 1.0 in the structured JSON mode ({@code application/cloudevents+json} for one event,
 * {@code application/cloudevents-batch+json} for a batch): the envelope is unwrapped into the plain form,
 * {@code id} becoming {@code eventId}, {@code time} {@code occurredAt}, and {@code data} the rest of the plain
 * event. Errors name the CloudEvents attribute ({@code id}, {@code time}, {@code type}, ...) or the field inside
 * {@code data} ({@code data.workerKey}).
 */
final class CloudEvents {
    static final String SPEC_VERSION = "1.0";
    static final String EVENT = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    private CloudEvents() {}

    /** The CloudEvents {@code type} of a kind: {@code org.gigwatch.session.v1}, ..., {@code org.gigwatch.quota.v1}. */
    static String type(EventKind kind) {
        return "org.gigwatch." + kind.path().substring(0, kind.path().length() - 1) + ".v1";
    }

    /** The media type of a Content-Type header without parameters, lower case; "" when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * An envelope unwrapped: {@code plain} is the event in the plain form (null when there is no usable
     * {@code data}), {@code eventId} its id when it has one, {@code errors} what is wrong with the envelope.
     * {@code timeGiven}: occurredAt came from {@code time} (so its errors are the attribute's).
     */
    record Unwrapped(ObjectNode plain, String eventId, boolean timeGiven, List<FieldError> errors) {
        /** A field of the plain form as the platform named it in its CloudEvent. */
        FieldError attributed(FieldError error) {
            String field = error.field();
            String named = switch (field) {
                case "eventId" -> "id";
                case "occurredAt" -> timeGiven ? "time" : "data.occurredAt";
                case "" -> "data";
                default -> "data." + field;
            };
            return new FieldError(named, error.reason());
        }
    }

    static Unwrapped unwrap(JsonNode envelope, EventKind kind) {
        List<FieldError> errors = new ArrayList<>();
        if (!envelope.isObject()) {
            errors.add(new FieldError("", "a CloudEvent must be a JSON object, got " + PlainEventReader.describe(envelope)));
            return new Unwrapped(null, null, false, errors);
        }
        JsonNode version = envelope.get("specversion");
        if (missing(version)) {
            errors.add(new FieldError("specversion", "missing"));
        } else if (!version.isTextual() || !version.textValue().equals(SPEC_VERSION)) {
            errors.add(new FieldError("specversion", "unsupported, expected \"" + SPEC_VERSION + "\""));
        }
        String id = requiredString(envelope, "id", errors);
        requiredString(envelope, "source", errors);
        String type = requiredString(envelope, "type", errors);
        if (type != null && !type.equals(type(kind))) {
            errors.add(new FieldError("type", "expected " + type(kind) + " for /v1/events/" + kind.path()));
        }
        JsonNode contentType = envelope.get("datacontenttype");
        if (!missing(contentType) && !(contentType.isTextual() && mediaType(contentType.textValue()).equals("application/json"))) {
            errors.add(new FieldError("datacontenttype", "expected application/json (or leave it out)"));
        }
        if (envelope.has("data_base64")) {
            errors.add(new FieldError("data_base64", "not supported: send the event as JSON in data"));
        }
        JsonNode data = envelope.get("data");
        if (missing(data)) {
            errors.add(new FieldError("data", "missing"));
            return new Unwrapped(null, id, false, errors);
        }
        if (!data.isObject()) {
            errors.add(new FieldError("data", "expected an object, got " + PlainEventReader.describe(data)));
            return new Unwrapped(null, id, false, errors);
        }
        ObjectNode plain = ((ObjectNode) data).deepCopy();
        JsonNode ownId = plain.get("eventId");
        if (!missing(ownId) && id != null && !(ownId.isTextual() && ownId.textValue().equals(id))) {
            errors.add(new FieldError("data.eventId", "must be left out or equal id"));
        }
        if (id != null) {
            plain.put("eventId", id);
        }
        JsonNode time = envelope.get("time");
        boolean timeGiven = !missing(time);
        if (timeGiven) {
            JsonNode own = plain.get("occurredAt");
            if (!missing(own) && !own.equals(time)) {
                errors.add(new FieldError("data.occurredAt", "must be left out or equal time"));
            }
            plain.set("occurredAt", time);
        } else if (missing(plain.get("occurredAt"))) {
            timeGiven = true; // the reader reports occurredAt missing: that is the attribute time
        }
        return new Unwrapped(plain, id, timeGiven, errors);
    }

    private static String requiredString(JsonNode envelope, String attribute, List<FieldError> errors) {
        JsonNode value = envelope.get(attribute);
        if (missing(value)) {
            errors.add(new FieldError(attribute, "missing"));
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            errors.add(new FieldError(attribute, "expected a non-empty string, got "
                    + (value.isTextual() ? "an empty one" : PlainEventReader.describe(value))));
            return null;
        }
        return value.textValue();
    }

    private static boolean missing(JsonNode value) {
        return value == null || value.isNull();
    }
}
