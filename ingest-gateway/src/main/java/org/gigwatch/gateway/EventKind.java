package org.gigwatch.gateway;

import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.gigwatch.avro.OrderEvent;
import org.gigwatch.avro.PayoutEvent;
import org.gigwatch.avro.Quota;
import org.gigwatch.avro.SessionEvent;
import org.gigwatch.avro.WorkerRegistration;
import org.gigwatch.schemas.Topics;

/** The kinds of event a platform posts: the path segment, the Avro contract and the topic it goes to. */
public enum EventKind {
    SESSIONS("sessions", SessionEvent.getClassSchema(), Topics.SESSIONS),
    ORDERS("orders", OrderEvent.getClassSchema(), Topics.ORDERS),
    PAYOUTS("payouts", PayoutEvent.getClassSchema(), Topics.PAYOUTS),
    REGISTRATIONS("registrations", WorkerRegistration.getClassSchema(), Topics.REGISTRATIONS),
    QUOTAS("quotas", Quota.getClassSchema(), Topics.QUOTAS);

    private final String path;
    private final Schema schema;
    private final String topic;

    EventKind(String path, Schema schema, String topic) {
        this.path = path;
        this.schema = schema;
        this.topic = topic;
    }

    public static Optional<EventKind> fromPath(String path) {
        return Arrays.stream(values()).filter(kind -> kind.path.equals(path)).findFirst();
    }

    /** The kind whose contract {@code schema} is. */
    public static EventKind of(Schema schema) {
        return Arrays.stream(values()).filter(kind -> kind.schema.getFullName().equals(schema.getFullName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event kind has the schema " + schema.getFullName()));
    }

    public String path() {
        return path;
    }

    public Schema schema() {
        return schema;
    }

    public String topic() {
        return topic;
    }

    /**
     * The record key: platformId/workerId, so a worker's events meet in one partition. A quota has no worker;
     * it is a platform's rule for a region, so platformId/region keeps each quota's history in order.
     */
    public String key(GenericRecord event) {
        String scope = this == QUOTAS ? "region" : "workerId";
        return Topics.workerKey(event.get("platformId").toString(), event.get(scope).toString());
    }
}
