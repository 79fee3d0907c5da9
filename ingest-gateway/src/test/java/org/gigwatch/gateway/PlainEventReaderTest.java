package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.generic.GenericRecord;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.SessionEvent;
import org.junit.jupiter.api.Test;

class PlainEventReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlainEventReader reader = new PlainEventReader();

    private static final String SESSION = """
            {"eventId": "e1", "platformId": "meituan", "workerId": "w1", "region": "330600",
             "occurredAt": "2025-10-01T08:30:00+08:00", "type": "LOGIN"}""";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void readsAnInstantWithAnOffsetAndFillsOptionalFields() throws Exception {
        PlainEventReader.Result result = reader.read(json(SESSION), SessionEvent.getClassSchema());

        assertThat(result.errors()).isEmpty();
        GenericRecord event = result.event();
        assertThat(event.get("occurredAt")).isEqualTo(Instant.parse("2025-10-01T00:30:00Z").toEpochMilli());
        assertThat(event.get("type").toString()).isEqualTo("LOGIN");
        assertThat(event.get("workerKey")).isNull();
        assertThat(event.get("details")).isNull();
    }

    @Test
    void listsEveryProblemWithItsField() throws Exception {
        String bad = """
                {"eventId": 7, "platformId": "meituan", "region": "330600",
                 "occurredAt": "2025-10-01 08:30", "type": "NAP", "detials": "typo"}""";

        PlainEventReader.Result result = reader.read(json(bad), SessionEvent.getClassSchema());

        assertThat(result.event()).isNull();
        assertThat(result.errors()).extracting(FieldError::field)
                .containsExactly("eventId", "workerId", "occurredAt", "type", "detials");
        assertThat(result.errors().get(0).reason()).isEqualTo("expected a string, got a number");
        assertThat(result.errors().get(1).reason()).isEqualTo("missing");
        assertThat(result.errors().get(3).reason()).startsWith("unknown value \"NAP\", expected one of [LOGIN, LOGOUT");
        assertThat(result.errors().get(4).reason()).isEqualTo("unknown field");
    }

    @Test
    void nestedFieldsAreNamedByTheirPathAndDefaultsApply() throws Exception {
        String payout = """
                {"eventId": "p1", "platformId": "meituan", "workerId": "w1", "region": "330600",
                 "occurredAt": "2025-10-08T00:00:00Z", "payoutId": "po1", "periodStart": "2025-10-01",
                 "periodEnd": "2025-10-07", "paidAt": "2025-10-08T00:00:00Z",
                 "lines": [{"type": "BASE", "amount": 120000}, {"type": "BONUS", "amount": 1.5}]}""";

        PlainEventReader.Result result = reader.read(json(payout), PayoutEvent.getClassSchema());

        assertThat(result.errors()).extracting(FieldError::field).containsExactly("lines[1].type", "lines[1].amount");
        assertThat(result.errors().get(1).reason()).isEqualTo("expected an integer, got a number");
    }

    @Test
    void readsDatesAndTheCurrencyDefault() throws Exception {
        String payout = """
                {"eventId": "p1", "platformId": "meituan", "workerId": "w1", "region": "330600",
                 "occurredAt": "2025-10-08T00:00:00Z", "payoutId": "po1", "periodStart": "2025-10-01",
                 "periodEnd": "2025-10-07", "paidAt": "2025-10-08T00:00:00Z", "lines": []}""";

        GenericRecord event = reader.read(json(payout), PayoutEvent.getClassSchema()).event();

        assertThat(event.get("periodStart")).isEqualTo((int) LocalDate.parse("2025-10-01").toEpochDay());
        assertThat(event.get("currency").toString()).isEqualTo("CNY");
    }

    @Test
    void aNumberTooBigForALongIsAWrongTypeNotACrash() throws Exception {
        String order = """
                {"eventId": "o1", "platformId": "meituan", "workerId": "w1", "region": "330600",
                 "occurredAt": "2025-10-08T00:00:00Z", "orderId": "x", "type": "DELIVERED",
                 "basePay": 123456789012345678901234567890}""";

        PlainEventReader.Result result = reader.read(json(order), org.gigwatch.avro.OrderEvent.getClassSchema());

        assertThat(result.errors()).containsExactly(new FieldError("basePay", "expected an integer, got a number"));
    }

    @Test
    void anEventMustBeAnObject() throws Exception {
        assertThat(reader.read(json("[1]"), SessionEvent.getClassSchema()).errors())
                .containsExactly(new FieldError("", "an event must be a JSON object, got array"));
    }
}
