package org.gigwatch.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** The gateway's checks beyond the schema, one per concern; {@link #standard} is the table it runs. */
public final class EventValidators {
    /** HMAC-SHA256 in hex, as the contract asks platforms to send it. */
    private static final Pattern HMAC_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** A PRC resident identity number: 18 characters (17 digits and a check digit or X), or the old 15 digits. */
    private static final Pattern IDENTITY_NUMBER = Pattern.compile("\\d{17}[\\dXx]|\\d{15}");
    /** Money in minor units and counts: none of them can be negative. */
    private static final Set<String> NON_NEGATIVE = Set.of("basePay", "incentivePay", "tip", "amount", "distanceMeters", "ordersPerDay");
    private static final Set<String> REGION_FIELDS = Set.of("region", "homeRegion");

    /** The checks every event goes through, in the order their errors are listed. */
    public static List<EventValidator> standard(Collection<String> regions, Clock clock, Duration futureTolerance,
                                                Map<EventKind, Duration> retention) {
        return List.of(notInFuture(clock, futureTolerance), notOlderThanRetention(clock, retention), workerKeyIsHmac(),
                knownRegion(regions), nonNegativeAmounts());
    }

    /** Event time is when it happened; more than a clock skew ahead of us is a platform bug, not the future. */
    public static EventValidator notInFuture(Clock clock, Duration tolerance) {
        return event -> {
            Instant occurredAt = Instant.ofEpochMilli((Long) event.get("occurredAt"));
            Instant latest = clock.instant().plus(tolerance);
            return occurredAt.isAfter(latest)
                    ? List.of(new FieldError("occurredAt", "more than " + tolerance.toMinutes() + " minutes in the future"))
                    : List.of();
        };
    }

    /**
     * An event older than its topic's retention would be deleted by Kafka as soon as its segment rolls: accepting
     * it would promise what the broker will not keep. Kinds without a limit in {@code retention} take any age.
     */
    public static EventValidator notOlderThanRetention(Clock clock, Map<EventKind, Duration> retention) {
        Map<EventKind, Duration> limits = Map.copyOf(retention);
        return event -> {
            EventKind kind = EventKind.of(event.getSchema());
            Duration limit = limits.get(kind);
            if (limit == null) {
                return List.of();
            }
            Instant occurredAt = Instant.ofEpochMilli((Long) event.get("occurredAt"));
            return occurredAt.isBefore(clock.instant().minus(limit))
                    ? List.of(new FieldError("occurredAt", "older than the retention of " + kind.topic() + " ("
                            + describe(limit) + "): Kafka would delete it"))
                    : List.of();
        };
    }

    /** "7 days", "36 hours", "90 minutes", else "1234 ms": the largest whole unit. */
    static String describe(Duration limit) {
        if (!limit.isZero() && limit.toMillis() % Duration.ofDays(1).toMillis() == 0) {
            return limit.toDays() + (limit.toDays() == 1 ? " day" : " days");
        }
        if (!limit.isZero() && limit.toMillis() % Duration.ofHours(1).toMillis() == 0) {
            return limit.toHours() + (limit.toHours() == 1 ? " hour" : " hours");
        }
        if (!limit.isZero() && limit.toMillis() % Duration.ofMinutes(1).toMillis() == 0) {
            return limit.toMinutes() + (limit.toMinutes() == 1 ? " minute" : " minutes");
        }
        return limit.toMillis() + " ms";
    }

    /** Raw identity numbers are never accepted; the error does not repeat the value, so it is not logged either. */
    public static EventValidator workerKeyIsHmac() {
        return event -> {
            if (!has(event, "workerKey") || event.get("workerKey") == null) {
                return List.of();
            }
            String key = event.get("workerKey").toString();
            if (IDENTITY_NUMBER.matcher(key).matches()) {
                return List.of(new FieldError("workerKey", "looks like a raw identity number: send HMAC-SHA256(regionSecret, id number) in hex"));
            }
            return HMAC_HEX.matcher(key).matches()
                    ? List.of()
                    : List.of(new FieldError("workerKey", "expected 64 hex characters (HMAC-SHA256)"));
        };
    }

    /** Rules are judged per region, so an event from a region the rule pack does not know cannot be judged. */
    public static EventValidator knownRegion(Collection<String> regions) {
        Set<String> known = Set.copyOf(regions);
        return event -> REGION_FIELDS.stream()
                .filter(field -> has(event, field) && !known.contains(String.valueOf(event.get(field))))
                .map(field -> new FieldError(field, "unknown region " + event.get(field) + ", expected one of " + known.stream().sorted().toList()))
                .toList();
    }

    /** Money and counts, wherever they sit (payout lines included). */
    public static EventValidator nonNegativeAmounts() {
        return event -> {
            List<FieldError> errors = new ArrayList<>();
            collectNegatives(event, "", errors);
            return errors;
        };
    }

    private static void collectNegatives(GenericRecord record, String path, List<FieldError> errors) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof Number number && NON_NEGATIVE.contains(field.name()) && number.longValue() < 0) {
                errors.add(new FieldError(path + field.name(), "must not be negative"));
            } else if (value instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i) instanceof GenericRecord item) {
                        collectNegatives(item, path + field.name() + "[" + i + "].", errors);
                    }
                }
            }
        }
    }

    private static boolean has(GenericRecord event, String field) {
        return event.getSchema().getField(field) != null;
    }

    private EventValidators() {}
}
