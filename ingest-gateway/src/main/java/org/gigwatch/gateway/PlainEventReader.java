package org.gigwatch.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads an event in the plain JSON form into a record of its Avro schema, driven by the schema itself so that
 * a new field needs no code here: field names as in the schema, {@code timestamp-millis} fields as ISO-8601
 * instants with an offset ({@code 2025-10-01T08:30:00+08:00}), {@code date} fields as ISO local dates, money
 * as integers in minor units, enums by symbol. Every problem is collected, not just the first, so a
 * platform can fix an event in one round trip; they are listed in the order of the schema's fields, then the
 * unknown fields as sent.
 *
 * <p>It reads from Jackson's streaming parser, so a batch's events need no JSON tree on the way (the gateway's
 * cost per event); a tree (a CloudEvent's data) is read through a parser over it.
 *
 * <p>{@code platformId} is the credential's: an event that leaves it out (or null) is that platform's, one that
 * names another is rejected with that reason alone.
 */
final class PlainEventReader {
    private static final String PLATFORM_ID = "platformId";
    private static final String EVENT_ID = "eventId";
    /** Only to quote an unknown enum value in its error. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The record, or null if there were errors; the event's id when it has a textual one. */
    record Result(GenericRecord event, String eventId, List<FieldError> errors) {}

    /** Reads the event in {@code json}, a tree. */
    Result read(JsonNode json, Schema schema, String platformId) {
        try (JsonParser parser = json.traverse()) {
            parser.nextToken();
            return read(parser, schema, platformId);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a JSON tree cannot fail", e);
        }
    }

    /**
     * Reads the event starting at the parser's current token and leaves the parser on the event's last token.
     * A syntax error is thrown, not collected: the batch is malformed.
     */
    Result read(JsonParser json, Schema schema, String platformId) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            String got = describe(json.currentToken());
            json.skipChildren();
            return new Result(null, null, List.of(new FieldError("", "an event must be a JSON object, got " + got)));
        }
        List<FieldError> errors = new ArrayList<>(0);
        GenericRecord event = record(json, schema, "", platformId, errors);
        String eventId = event.get(EVENT_ID) instanceof String id ? id : null;
        if (!platformId.equals(event.get(PLATFORM_ID))) {
            // left out, it was filled with the credential's; anything else names another platform (or none)
            return new Result(null, eventId, List.of(new FieldError(PLATFORM_ID,
                    "names another platform than the API key's (" + platformId + ")")));
        }
        return new Result(errors.isEmpty() ? event : null, eventId, errors.isEmpty() ? List.of() : errors);
    }

    /** {@code platformId}: the credential's for the event itself, null for a record nested in it. */
    private GenericRecord record(JsonParser json, Schema schema, String path, String platformId,
                                 List<FieldError> errors) throws IOException {
        GenericData.Record record = new GenericData.Record(schema);
        List<Schema.Field> fields = schema.getFields();
        boolean[] given = new boolean[fields.size()];
        SchemaOrder order = new SchemaOrder(errors, fields.size());
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            Schema.Field field = schema.getField(name);
            JsonToken token = json.nextToken();
            int before = errors.size();
            if (field == null) {
                // a misspelt optional field would otherwise be dropped without a word
                errors.add(new FieldError(path + name, "unknown field"));
                json.skipChildren();
            } else if (given[field.pos()]) {
                errors.add(new FieldError(path + name, "given more than once"));
                json.skipChildren();
            } else if (token != JsonToken.VALUE_NULL) {
                given[field.pos()] = true;
                record.put(field.pos(), value(json, field.schema(), path + name, errors));
            }
            order.found(field == null ? fields.size() : field.pos(), before);
        }
        for (Schema.Field field : fields) {
            if (given[field.pos()]) {
                continue;
            }
            if (platformId != null && field.name().equals(PLATFORM_ID)) {
                record.put(field.pos(), platformId); // the credential says who is speaking
            } else if (field.schema().isNullable()) {
                record.put(field.pos(), null);
            } else if (field.hasDefaultValue()) {
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else {
                int before = errors.size();
                errors.add(new FieldError(path + field.name(), "missing"));
                order.found(field.pos(), before);
            }
        }
        order.apply();
        return record;
    }

    /** Reads the value at the current token, leaving the parser on its last token. */
    private Object value(JsonParser json, Schema schema, String path, List<FieldError> errors) throws IOException {
        LogicalType logical = schema.getLogicalType();
        JsonToken token = json.currentToken();
        switch (schema.getType()) {
            case UNION:
                return value(json, nonNull(schema), path, errors);
            case STRING:
                return token == JsonToken.VALUE_STRING ? json.getText() : wrongType(json, "a string", path, errors);
            case BOOLEAN:
                return token.isBoolean() ? token == JsonToken.VALUE_TRUE : wrongType(json, "true or false", path, errors);
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return instant(json, path, errors);
                }
                return integral(json, JsonParser.NumberType.LONG) ? json.getLongValue() : wrongType(json, "an integer", path, errors);
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return date(json, path, errors);
                }
                return integral(json, JsonParser.NumberType.INT) ? json.getIntValue() : wrongType(json, "a 32-bit integer", path, errors);
            case ENUM:
                if (token == JsonToken.VALUE_STRING && schema.hasEnumSymbol(json.getText())) {
                    return new GenericData.EnumSymbol(schema, json.getText());
                }
                errors.add(new FieldError(path, "unknown value " + JSON.readTree(json) + ", expected one of " + schema.getEnumSymbols()));
                return null;
            case ARRAY:
                if (token != JsonToken.START_ARRAY) {
                    return wrongType(json, "an array", path, errors);
                }
                List<Object> items = new ArrayList<>();
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(json, schema.getElementType(), path + "[" + items.size() + "]", errors));
                }
                return new GenericData.Array<>(schema, items);
            case RECORD:
                return token == JsonToken.START_OBJECT ? record(json, schema, path + ".", null, errors)
                        : wrongType(json, "an object", path, errors);
            default:
                // the event contracts use none of the others; a schema that does must teach this reader first
                errors.add(new FieldError(path, "the gateway cannot read Avro type " + schema.getType() + " from JSON"));
                json.skipChildren();
                return null;
        }
    }

    /** An integer that fits {@code widest} (INT or LONG); a bigger one is a wrong type, not an overflow. */
    private static boolean integral(JsonParser json, JsonParser.NumberType widest) throws IOException {
        if (json.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return false;
        }
        JsonParser.NumberType type = json.getNumberType();
        return type == JsonParser.NumberType.INT || type == widest;
    }

    private static Object instant(JsonParser json, String path, List<FieldError> errors) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_STRING) {
            try {
                return OffsetDateTime.parse(json.getText()).toInstant().toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                // falls through to the message below
            }
        }
        return wrongType(json, "an ISO-8601 instant with an offset, e.g. 2025-10-01T08:30:00+08:00", path, errors);
    }

    private static Object date(JsonParser json, String path, List<FieldError> errors) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_STRING) {
            try {
                return Math.toIntExact(LocalDate.parse(json.getText()).toEpochDay());
            } catch (DateTimeException | ArithmeticException e) {
                // falls through to the message below
            }
        }
        return wrongType(json, "an ISO-8601 date, e.g. 2025-10-01", path, errors);
    }

    /** Skips the value (an object or array to its end) and says what it is. */
    private static Object wrongType(JsonParser json, String expected, String path, List<FieldError> errors) throws IOException {
        errors.add(new FieldError(path, "expected " + expected + ", got " + describe(json.currentToken())));
        json.skipChildren();
        return null;
    }

    /** The JSON type only: the value may be personal data (a raw identity number typed as a number). */
    static String describe(JsonNode json) {
        return describe(json.asToken());
    }

    /** As {@link #describe(JsonNode)}, for the token a value starts with: one set of names for both readers. */
    static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static Schema nonNull(Schema union) {
        for (Schema type : union.getTypes()) {
            if (type.getType() != Schema.Type.NULL) {
                return type;
            }
        }
        throw new IllegalArgumentException("a union of null only: " + union);
    }

    /**
     * Puts a record's errors in the order of its schema's fields (unknown fields last, as sent) whatever order
     * the fields came in; costs nothing for a record without errors.
     */
    private static final class SchemaOrder {
        private record Span(int field, int from, int to) {}

        private final List<FieldError> errors;
        private final int start;
        private final int fieldCount;
        private List<Span> spans;

        SchemaOrder(List<FieldError> errors, int fieldCount) {
            this.errors = errors;
            this.start = errors.size();
            this.fieldCount = fieldCount;
        }

        /** The errors from {@code from} on are about the field at position {@code field} (the count: unknown). */
        void found(int field, int from) {
            if (errors.size() > from) {
                if (spans == null) {
                    spans = new ArrayList<>();
                }
                spans.add(new Span(Math.min(field, fieldCount), from, errors.size()));
            }
        }

        void apply() {
            if (spans == null || spans.size() < 2) {
                return;
            }
            List<FieldError> found = new ArrayList<>(errors.subList(start, errors.size()));
            spans.sort(Comparator.comparingInt(Span::field)); // stable: unknown fields stay as sent
            int at = start;
            for (Span span : spans) {
                for (int i = span.from(); i < span.to(); i++) {
                    errors.set(at++, found.get(i - start));
                }
            }
        }
    }
}
