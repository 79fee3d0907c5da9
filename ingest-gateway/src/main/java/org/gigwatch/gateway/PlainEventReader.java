package org.gigwatch.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
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
 * platform can fix an event in one round trip.
 */
final class PlainEventReader {

    /** The record, or null if there were errors. */
    record Result(GenericRecord event, List<FieldError> errors) {}

    Result read(JsonNode json, Schema schema) {
        List<FieldError> errors = new ArrayList<>();
        if (!json.isObject()) {
            errors.add(new FieldError("", "an event must be a JSON object, got " + describe(json)));
            return new Result(null, errors);
        }
        GenericRecord event = record(json, schema, "", errors);
        return new Result(errors.isEmpty() ? event : null, errors);
    }

    private GenericRecord record(JsonNode json, Schema schema, String path, List<FieldError> errors) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path + field.name();
            JsonNode value = json.get(field.name());
            if (value == null || value.isNull()) {
                if (field.schema().isNullable()) {
                    record.put(field.pos(), null);
                } else if (field.hasDefaultValue()) {
                    record.put(field.pos(), GenericData.get().getDefaultValue(field));
                } else {
                    errors.add(new FieldError(fieldPath, "missing"));
                }
            } else {
                record.put(field.pos(), value(value, field.schema(), fieldPath, errors));
            }
        }
        // a misspelt optional field would otherwise be dropped without a word
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                errors.add(new FieldError(path + name, "unknown field"));
            }
        }
        return record;
    }

    private Object value(JsonNode json, Schema schema, String path, List<FieldError> errors) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case UNION:
                return value(json, nonNull(schema), path, errors);
            case STRING:
                return json.isTextual() ? json.textValue() : wrongType(json, "a string", path, errors);
            case BOOLEAN:
                return json.isBoolean() ? json.booleanValue() : wrongType(json, "true or false", path, errors);
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return instant(json, path, errors);
                }
                return json.isIntegralNumber() && json.canConvertToLong()
                        ? json.longValue() : wrongType(json, "an integer", path, errors);
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return date(json, path, errors);
                }
                return json.isIntegralNumber() && json.canConvertToInt()
                        ? json.intValue() : wrongType(json, "a 32-bit integer", path, errors);
            case ENUM:
                if (json.isTextual() && schema.hasEnumSymbol(json.textValue())) {
                    return new GenericData.EnumSymbol(schema, json.textValue());
                }
                errors.add(new FieldError(path, "unknown value " + json + ", expected one of " + schema.getEnumSymbols()));
                return null;
            case ARRAY:
                if (!json.isArray()) {
                    return wrongType(json, "an array", path, errors);
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < json.size(); i++) {
                    items.add(value(json.get(i), schema.getElementType(), path + "[" + i + "]", errors));
                }
                return new GenericData.Array<>(schema, items);
            case RECORD:
                return json.isObject() ? record(json, schema, path + ".", errors) : wrongType(json, "an object", path, errors);
            default:
                // the event contracts use none of the others; a schema that does must teach this reader first
                errors.add(new FieldError(path, "the gateway cannot read Avro type " + schema.getType() + " from JSON"));
                return null;
        }
    }

    private static Object instant(JsonNode json, String path, List<FieldError> errors) {
        if (json.isTextual()) {
            try {
                return OffsetDateTime.parse(json.textValue()).toInstant().toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                // falls through to the message below
            }
        }
        return wrongType(json, "an ISO-8601 instant with an offset, e.g. 2025-10-01T08:30:00+08:00", path, errors);
    }

    private static Object date(JsonNode json, String path, List<FieldError> errors) {
        if (json.isTextual()) {
            try {
                return Math.toIntExact(LocalDate.parse(json.textValue()).toEpochDay());
            } catch (DateTimeException | ArithmeticException e) {
                // falls through to the message below
            }
        }
        return wrongType(json, "an ISO-8601 date, e.g. 2025-10-01", path, errors);
    }

    private static Object wrongType(JsonNode json, String expected, String path, List<FieldError> errors) {
        errors.add(new FieldError(path, "expected " + expected + ", got " + describe(json)));
        return null;
    }

    /** The JSON type only: the value may be personal data (a raw identity number typed as a number). */
    static String describe(JsonNode json) {
        return json.isNumber() ? "a number" : json.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a union of null only: " + union));
    }
}
