package org.gigwatch.streams.workingtime;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.gigwatch.avro.LateEvent;
import org.gigwatch.schemas.registry.AvroSerde;

/**
 * What a rule processor writes to gigwatch.events.late for an event older than its grace period: one schema for the
 * events of every source topic (the working-time and the pay apps share the topic), the original value kept in its
 * source topic's wire format so that any consumer can decode it through the registry.
 */
public final class LateEvents {
    private final Serializer<GenericRecord> payloads;

    public LateEvents(String registryUrl) {
        this.payloads = AvroSerde.generic(registryUrl).serializer();
    }

    public LateEvent of(String sourceTopic, String eventId, String platformId, long occurredAt, long streamTime,
                        Duration grace, SpecificRecord value) {
        String reason = "occurredAt " + Instant.ofEpochMilli(occurredAt) + " is more than " + grace + " before stream time "
                + Instant.ofEpochMilli(streamTime);
        return LateEvent.newBuilder().setSourceTopic(sourceTopic).setEventId(eventId).setPlatformId(platformId)
                .setOccurredAt(Instant.ofEpochMilli(occurredAt)).setStreamTime(Instant.ofEpochMilli(streamTime))
                .setReason(reason)
                .setPayload(ByteBuffer.wrap(payloads.serialize(sourceTopic, (GenericRecord) value)))
                .build();
    }
}
