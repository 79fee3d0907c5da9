package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CloudEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CloudEvents.Unwrapped unwrap(String envelope) throws Exception {
        return CloudEvents.unwrap(JSON.readTree(envelope), EventKind.ORDERS);
    }

    @Test
    void idAndTimeBecomeEventIdAndOccurredAt() throws Exception {
        CloudEvents.Unwrapped unwrapped = unwrap("""
                {"specversion": "1.0", "id": "o-1", "source": "urn:x", "type": "org.gigwatch.order.v1",
                 "time": "2025-10-01T08:00:00Z", "subject": "ignored", "data": {"orderId": "o"}}""");

        assertThat(unwrapped.errors()).isEmpty();
        assertThat(unwrapped.eventId()).isEqualTo("o-1");
        assertThat(unwrapped.plain()).isEqualTo(JSON.readTree(
                "{\"orderId\": \"o\", \"eventId\": \"o-1\", \"occurredAt\": \"2025-10-01T08:00:00Z\"}"));
    }

    @Test
    void theTypeOfEachKind() {
        assertThat(CloudEvents.type(EventKind.SESSIONS)).isEqualTo("org.gigwatch.session.v1");
        assertThat(CloudEvents.type(EventKind.REGISTRATIONS)).isEqualTo("org.gigwatch.registration.v1");
        assertThat(CloudEvents.type(EventKind.QUOTAS)).isEqualTo("org.gigwatch.quota.v1");
    }

    @Test
    void envelopeErrorsNameTheAttribute() throws Exception {
        CloudEvents.Unwrapped unwrapped = unwrap("""
                {"specversion": 1.0, "id": "", "source": 7, "type": "org.gigwatch.order.v2", "datacontenttype": "text/xml",
                 "data_base64": "AA==", "data": [1]}""");

        assertThat(unwrapped.plain()).isNull();
        assertThat(unwrapped.errors()).containsExactly(
                new FieldError("specversion", "unsupported, expected \"1.0\""),
                new FieldError("id", "expected a non-empty string, got an empty one"),
                new FieldError("source", "expected a non-empty string, got a number"),
                new FieldError("type", "expected org.gigwatch.order.v1 for /v1/events/orders"),
                new FieldError("datacontenttype", "expected application/json (or leave it out)"),
                new FieldError("data_base64", "not supported: send the event as JSON in data"),
                new FieldError("data", "expected an object, got array"));
    }

    @Test
    void dataMayNotContradictIdOrTime() throws Exception {
        CloudEvents.Unwrapped unwrapped = unwrap("""
                {"specversion": "1.0", "id": "o-1", "source": "urn:x", "type": "org.gigwatch.order.v1",
                 "time": "2025-10-01T08:00:00Z", "data": {"eventId": "o-2", "occurredAt": "2025-10-01T09:00:00Z"}}""");

        assertThat(unwrapped.errors()).containsExactly(
                new FieldError("data.eventId", "must be left out or equal id"),
                new FieldError("data.occurredAt", "must be left out or equal time"));
    }

    @Test
    void readerFieldsAreNamedInsideData() throws Exception {
        CloudEvents.Unwrapped withTime = unwrap("""
                {"specversion": "1.0", "id": "o-1", "source": "urn:x", "type": "org.gigwatch.order.v1",
                 "time": "2025-10-01T08:00:00Z", "data": {}}""");
        CloudEvents.Unwrapped withoutTime = unwrap("""
                {"specversion": "1.0", "id": "o-1", "source": "urn:x", "type": "org.gigwatch.order.v1",
                 "data": {"occurredAt": "2025-10-01T08:00:00Z"}}""");

        assertThat(withTime.attributed(new FieldError("lines[1].amount", "x")).field()).isEqualTo("data.lines[1].amount");
        assertThat(withTime.attributed(new FieldError("occurredAt", "x")).field()).isEqualTo("time");
        assertThat(withoutTime.attributed(new FieldError("occurredAt", "x")).field()).isEqualTo("data.occurredAt");
        assertThat(withTime.attributed(new FieldError("eventId", "x")).field()).isEqualTo("id");
        JsonNode plain = withoutTime.plain();
        assertThat(plain.get("occurredAt").asText()).isEqualTo("2025-10-01T08:00:00Z");
    }

    @Test
    void mediaTypeIgnoresParametersAndCase() {
        assertThat(CloudEvents.mediaType("Application/CloudEvents-Batch+JSON ; charset=utf-8")).isEqualTo(CloudEvents.BATCH);
        assertThat(CloudEvents.mediaType(null)).isEmpty();
    }
}
