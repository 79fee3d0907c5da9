package org.gigwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.Schema;
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

    /** Read as the gateway reads a batch's events, straight from the parser; a tree must read the same. */
    private PlainEventReader.Result read(String text, Schema schema) throws Exception {
        PlainEventReader.Result streamed = streamed(text, schema);
        PlainEventReader.Result fromTree = reader.read(json(text), schema, "meituan");
        assertThat(fromTree.errors()).isEqualTo(streamed.errors());
        assertThat(fromTree.eventId()).isEqualTo(streamed.eventId());
        assertThat(fromTree.event()).isEqualTo(streamed.event());
        return streamed;
    }

    private PlainEventReader.Result streamed(String text, Schema schema) throws Exception {
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            PlainEventReader.Result result = reader.read(parser, schema, "meituan");
            assertThat(parser.nextToken()).as("the whole event and nothing more is read").isNull();
            return result;
        }
    }

    @Test
    void readsAnInstantWithAnOffsetAndFillsOptionalFields() throws Exception {
        PlainEventReader.Result result = read(SESSION, SessionEvent.getClassSchema());

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

        PlainEventReader.Result result = read(bad, SessionEvent.getClassSchema());

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

        PlainEventReader.Result result = read(payout, PayoutEvent.getClassSchema());

        assertThat(result.errors()).extracting(FieldError::field).containsExactly("lines[1].type", "lines[1].amount");
        assertThat(result.errors().get(1).reason()).isEqualTo("expected an integer, got a number");
    }

    @Test
    void readsDatesAndTheCurrencyDefault() throws Exception {
        String payout = """
                {"eventId": "p1", "platformId": "meituan", "workerId": "w1", "region": "330600",
                 "occurredAt": "2025-10-08T00:00:00Z", "payoutId": "po1", "periodStart": "2025-10-01",
                 "periodEnd": "2025-10-07", "paidAt": "2025-10-08T00:00:00Z", "lines": []}""";

        GenericRecord event = read(payout, PayoutEvent.getClassSchema()).event();

        assertThat(event.get("periodStart")).isEqualTo((int) LocalDate.parse("2025-10-01").toEpochDay());
        assertThat(event.get("currency").toString()).isEqualTo("CNY");
    }

    @Test
    void aNumberTooBigForALongIsAWrongTypeNotACrash() throws Exception {
        String order = """
                {"eventId": "o1", "platformId": "meituan", "workerId": "w1", "region": "330600",
                 "occurredAt": "2025-10-08T00:00:00Z", "orderId": "x", "type": "DELIVERED",
                 "basePay": 123456789012345678901234567890}""";

        PlainEventReader.Result result = read(order, org.gigwatch.avro.OrderEvent.getClassSchema());

        assertThat(result.errors()).containsExactly(new FieldError("basePay", "expected an integer, got a number"));
    }

    @Test
    void anEventMustBeAnObject() throws Exception {
        assertThat(read("[1]", SessionEvent.getClassSchema()).errors())
                .containsExactly(new FieldError("", "an event must be a JSON object, got array"));
    }

    @Test
    void errorsFollowTheSchemasFieldOrderWhateverOrderTheFieldsCameIn() throws Exception {
        String bad = """
                {"extra": 1, "type": "NAP", "occurredAt": 5, "region": "330600", "eventId": "e1", "more": {"a": [1]}}""";

        PlainEventReader.Result result = read(bad, SessionEvent.getClassSchema());

        assertThat(result.eventId()).isEqualTo("e1");
        assertThat(result.errors()).containsExactly(
                new FieldError("workerId", "missing"),
                new FieldError("occurredAt", "expected an ISO-8601 instant with an offset, e.g. 2025-10-01T08:30:00+08:00, got a number"),
                new FieldError("type", "unknown value \"NAP\", expected one of " + SessionEvent.getClassSchema().getField("type").schema().getEnumSymbols()),
                new FieldError("extra", "unknown field"),
                new FieldError("more", "unknown field"));
    }

    @Test
    void theCredentialsPlatformFillsALeftOutPlatformIdAndAnotherIsTheOnlyError() throws Exception {
        String without = SESSION.replace("\"platformId\": \"meituan\", ", "");
        assertThat(read(without, SessionEvent.getClassSchema()).event().get("platformId")).isEqualTo("meituan");
        assertThat(read(SESSION.replace("\"meituan\"", "null"), SessionEvent.getClassSchema()).event().get("platformId"))
                .isEqualTo("meituan");

        FieldError another = new FieldError("platformId", "names another platform than the API key's (meituan)");
        PlainEventReader.Result eleme = read(SESSION.replace("meituan", "eleme").replace("LOGIN", "NAP"), SessionEvent.getClassSchema());
        assertThat(eleme.errors()).containsExactly(another);
        assertThat(eleme.eventId()).isEqualTo("e1");
        assertThat(read(SESSION.replace("\"meituan\"", "[\"meituan\"]"), SessionEvent.getClassSchema()).errors())
                .containsExactly(another);
    }

    @Test
    void anUnknownEnumValueIsQuotedAsJsonAndWrongTypesInsideArraysAreSkippedWhole() throws Exception {
        String payout = """
                {"eventId": "p1", "workerId": "w1", "region": "330600",
                 "occurredAt": "2025-10-08T00:00:00Z", "payoutId": "po1", "periodStart": "2025-10-01",
                 "periodEnd": "2025-10-07", "paidAt": "2025-10-08T00:00:00Z",
                 "lines": [{"type": {"k": [1, 2.50]}, "amount": 1}, [3, {"x": 4}], null, {"type": "BASE", "amount": "7"}]}""";

        PlainEventReader.Result result = read(payout, PayoutEvent.getClassSchema());

        assertThat(result.errors()).extracting(FieldError::field, FieldError::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lines[0].type", "unknown value {\"k\":[1,2.5]}, expected one of "
                        + PayoutEvent.getClassSchema().getField("lines").schema().getElementType().getField("type").schema().getEnumSymbols()),
                org.assertj.core.groups.Tuple.tuple("lines[1]", "expected an object, got array"),
                org.assertj.core.groups.Tuple.tuple("lines[2]", "expected an object, got null"),
                org.assertj.core.groups.Tuple.tuple("lines[3].amount", "expected an integer, got string"));
    }

    @Test
    void aFieldGivenTwiceIsAnError() throws Exception {
        // (a tree keeps the last value only: CloudEvents' data cannot tell)
        String twice = SESSION.replace("\"workerId\": \"w1\"", "\"workerId\": \"w1\", \"workerId\": \"w2\"");

        assertThat(streamed(twice, SessionEvent.getClassSchema()).errors())
                .containsExactly(new FieldError("workerId", "given more than once"));
    }

    @Test
    void aScalarEventIsNamedByItsJsonType() throws Exception {
        assertThat(read("\"e1\"", SessionEvent.getClassSchema()).errors())
                .containsExactly(new FieldError("", "an event must be a JSON object, got string"));
        assertThat(read("12.5", SessionEvent.getClassSchema()).errors())
                .containsExactly(new FieldError("", "an event must be a JSON object, got a number"));
    }
}
