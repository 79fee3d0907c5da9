package org.gigwatch.streams.workingtime;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the event's {@code occurredAt}, whatever the producer stamped on the record. Records without an
 * event (clock ticks: null values) carry their time in the record timestamp.
 */
public final class OccurredAtExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof SpecificRecord event && event.getSchema().getField("occurredAt") != null) {
            return ((Instant) event.get(event.getSchema().getField("occurredAt").pos())).toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
