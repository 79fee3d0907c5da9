package org.gigwatch.streams.pay;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.gigwatch.avro.WorkingDay;

/**
 * A WorkingDay's time is the start of its day, whatever the working-time app stamped on it: it then never moves
 * the pay rules' clock past orders of that day still to come, so they are never late because of it. Other records
 * (clock ticks) keep their record timestamp.
 */
public final class DayStartExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof WorkingDay day) {
            return day.getDayStart().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
